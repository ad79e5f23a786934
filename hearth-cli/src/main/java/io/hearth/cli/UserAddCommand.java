package io.hearth.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hearth user add NAME}: adds a user to the users file, or sets their password and groups anew. */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = {
            "Add a user to the users file with a bcrypt hash of their password, or replace their entry.",
            "The password is asked twice on the terminal (not echoed), or read as the first line of stdin:"
                    + " printf '%%s\\n' \"$PW\" | hearth user add alice"
        })
final class UserAddCommand implements Callable<Integer> {
    /** bcrypt reads at most 72 bytes of a password; longer ones would be cut without a word. */
    private static final int MAX_PASSWORD_BYTES = 72;

    @ParentCommand
    UserCommand user;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "the user name (no spaces, ':' or ',')")
    String name;

    @Option(
            names = "--groups",
            split = ",",
            paramLabel = "GROUP",
            description = "the user's groups, primary first, comma-separated (auth.admin-groups makes a group admin)")
    List<String> groups = List.of();

    @Option(names = "--file", paramLabel = "PATH", description = "the users file (default: see `hearth user`)")
    Path file;

    @Option(
            names = "--cost",
            defaultValue = "10",
            paramLabel = "N",
            description = "bcrypt's cost, 4 to 31: each step doubles the time a check takes (default ${DEFAULT-VALUE})")
    int cost;

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        if (!UsersFile.NAME.matcher(name).matches()) {
            throw new CommandLine.ParameterException(
                    commandLine,
                    "invalid user name \"" + name + "\": no spaces, ':' or ',', and not starting with '#'");
        }
        List<String> cleanGroups = groups.stream()
                .map(String::strip)
                .filter(group -> !group.isEmpty())
                .toList();
        for (String group : cleanGroups) {
            if (!UsersFile.NAME.matcher(group).matches()) {
                throw new CommandLine.ParameterException(
                        commandLine, "invalid group \"" + group + "\": no spaces, ':' or ','");
            }
        }
        if (cost < 4 || cost > 31) {
            throw new CommandLine.ParameterException(commandLine, "--cost must be between 4 and 31");
        }
        UsersFile users = user.usersFile(file, spec);
        char[] password = password(commandLine);
        try {
            String hash = new BCryptPasswordEncoder(cost).encode(new String(password));
            boolean replaced = users.put(name, hash, cleanGroups);
            user.hearth()
                    .context()
                    .out()
                    .println((replaced ? "Replaced user " : "Added user ") + name
                            + (cleanGroups.isEmpty() ? "" : " (groups " + String.join(",", cleanGroups) + ")")
                            + " in " + users.path());
        } finally {
            Arrays.fill(password, '\0');
        }
        return ExitCode.SUCCESS.code();
    }

    private char[] password(CommandLine commandLine) throws IOException {
        CliContext context = user.hearth().context();
        Optional<char[]> typed = context.terminal().readSecret("Password for " + name + ": ");
        char[] password;
        if (typed.isPresent()) {
            password = typed.get();
            char[] again = context.terminal()
                    .readSecret("Again: ")
                    .orElseThrow(
                            () -> new CommandLine.ParameterException(commandLine, "the password was not confirmed"));
            boolean same = Arrays.equals(password, again);
            Arrays.fill(again, '\0');
            if (!same) {
                throw new CommandLine.ParameterException(commandLine, "the passwords do not match");
            }
        } else {
            String line = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password.length == 0) {
            throw new CommandLine.ParameterException(commandLine, "the password is empty");
        }
        if (new String(password).getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new CommandLine.ParameterException(
                    commandLine, "the password is longer than bcrypt's " + MAX_PASSWORD_BYTES + " bytes");
        }
        return password;
    }
}
