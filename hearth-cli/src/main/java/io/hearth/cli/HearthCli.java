package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import io.hearth.client.Credentials;
import io.hearth.client.HearthClient;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code hearth}: the command line of Hearth's REST API. Each verb is its own class; this one holds
 * the options every verb shares (where the gateway is, who is asking) and turns errors into exit
 * codes.
 */
@Command(
        name = "hearth",
        mixinStandardHelpOptions = true,
        versionProvider = HearthCli.Version.class,
        description = "Hearth: Spark as a Service. Runs SQL, sessions, jobs and batches on a Hearth gateway;"
                + " `hearth server` runs the gateway.",
        subcommands = {
            SqlCommand.class,
            StatementsCommand.class,
            StatusCommand.class,
            ResultCommand.class,
            CancelCommand.class,
            SessionCommand.class,
            UploadCommand.class,
            ArtifactsCommand.class,
            BatchCommand.class,
            EnginesCommand.class,
            FunctionsCommand.class,
            RunCommand.class,
            JobsCommand.class,
            LogsCommand.class,
            EventsCommand.class,
            TokenCommand.class,
            UserCommand.class,
            ServerCommand.class
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  HEARTH_SERVER    the gateway's address (default http://127.0.0.1:8990)",
            "  HEARTH_USER      the user name sent to the gateway",
            "  HEARTH_PASSWORD  its password (HTTP Basic); never on the command line. Without it, --user asks"
                    + " for it on the terminal",
            "  HEARTH_TOKEN     a bearer token (an API token or a JWT), sent instead of a user and password",
            "",
            "Exit codes:",
            "  0  success",
            "  1  the statement, job or batch failed",
            "  2  usage error, or job parameters that do not fit the function",
            "  3  the gateway could not be reached, or answered with an error",
            "  4  the statement or job was canceled, or the batch killed",
            "  5  --timeout passed; the statement or job was canceled (the batch killed)"
        })
public final class HearthCli implements Runnable {
    static final String ENV_SERVER = "HEARTH_SERVER";
    static final String ENV_USER = "HEARTH_USER";
    static final String ENV_PASSWORD = "HEARTH_PASSWORD";
    static final String ENV_TOKEN = "HEARTH_TOKEN";

    @Option(
            names = {"-s", "--server"},
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "the gateway's address (env HEARTH_SERVER; default http://127.0.0.1:8990)")
    String server;

    @Option(
            names = {"-u", "--user"},
            scope = ScopeType.INHERIT,
            paramLabel = "NAME",
            description = "the user to act as (env HEARTH_USER); the password comes from env HEARTH_PASSWORD, else"
                    + " the terminal asks for it")
    String user;

    @Option(
            names = "--token",
            scope = ScopeType.INHERIT,
            paramLabel = "TOKEN",
            description = "a bearer token to send instead of a user and password (env HEARTH_TOKEN, which other"
                    + " users cannot see in the process list)")
    String token;

    @Option(
            names = "--progress",
            negatable = true,
            scope = ScopeType.INHERIT,
            description = "draw a progress bar on stderr (default: only when stderr is a terminal)")
    Boolean progress;

    private final CliContext context;

    HearthCli(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    public static void main(String[] args) {
        System.exit(run(CliContext.system(), args));
    }

    /** Runs a command line and returns its exit code. */
    static int run(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }

    static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(new HearthCli(context));
        // picocli's own: prints the bash/zsh completion script of these very commands
        commandLine.addSubcommand("completion", new AutoComplete.GenerateCompletion());
        // after every subcommand is added: these settings reach the subcommands present
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        commandLine.setExecutionExceptionHandler(new ErrorReporter(context.err()));
        return commandLine;
    }

    @Override
    public void run() {
        // `hearth` alone: what it can do
        CommandLine.usage(this, context.out());
    }

    CliContext context() {
        return context;
    }

    /** A client of the gateway these options (or the environment) name; the caller closes it. */
    HearthClient connect() {
        return HearthClient.builder()
                .server(serverUri())
                .credentials(credentials())
                // a person watches: poll often enough for the progress bar to move
                .pollInterval(Duration.ofMillis(50), Duration.ofMillis(500))
                .build();
    }

    /** Whether to draw a progress bar: as asked, else when stderr is a terminal. */
    boolean showProgress() {
        return progress != null ? progress : context.errIsTerminal();
    }

    URI serverUri() {
        String address = Optional.ofNullable(server)
                .or(() -> environment(ENV_SERVER))
                .orElse(HearthClient.DEFAULT_SERVER.toString())
                .trim();
        if (!address.contains("://")) {
            address = "http://" + address;
        }
        try {
            return URI.create(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server is not an address: " + address, e);
        }
    }

    /**
     * What the command line says wins over the environment: {@code --token}, then {@code --user},
     * then {@code HEARTH_TOKEN}, then {@code HEARTH_USER}. A user's password comes from {@code
     * HEARTH_PASSWORD}, else the terminal; without either it is empty, which only a gateway in
     * development mode (that ignores credentials) accepts.
     */
    Credentials credentials() {
        if (token != null && user != null) {
            throw new IllegalArgumentException("give --user or --token, not both");
        }
        if (token != null) {
            return Credentials.bearer(token);
        }
        if (user != null) {
            return Credentials.basic(user, password(user));
        }
        Optional<String> environmentToken = environment(ENV_TOKEN);
        if (environmentToken.isPresent()) {
            return Credentials.bearer(environmentToken.get());
        }
        return environment(ENV_USER)
                .map(name -> Credentials.basic(name, password(name)))
                .orElse(Credentials.none());
    }

    private String password(String name) {
        return environment(ENV_PASSWORD)
                .or(() -> context.terminal()
                        .readSecret("Password for " + name + " at " + serverUri() + ": ")
                        .map(String::new))
                .orElse("");
    }

    private Optional<String> environment(String name) {
        return Optional.ofNullable(context.environment().get(name)).filter(value -> !value.isBlank());
    }

    /** The version of the jar this class came from. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HearthCli.class.getPackage().getImplementationVersion();
            return new String[] {"hearth " + (version == null ? "(development build)" : version)};
        }
    }
}
