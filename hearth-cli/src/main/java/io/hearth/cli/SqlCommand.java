package io.hearth.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.hearth.api.StatementState;
import io.hearth.api.statement.StatementParameter;
import io.hearth.api.statement.StatementRequest;
import io.hearth.api.statement.StatementResponse;
import io.hearth.client.HearthClient;
import io.hearth.client.StatementTimeoutException;
import io.hearth.client.Statements;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hearth sql}: runs SQL (text, or a script file), waits for it, and prints its result. */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description = {
            "Run SQL and print its result.",
            "A script (-f) may hold several statements separated by ';'; they run in order, stopping at the first that fails."
        })
final class SqlCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SQL", description = "the SQL text (or use -f)")
    String sql;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "read the SQL from a file ('-' for stdin)")
    String file;

    @Option(
            names = {"-P", "--param"},
            paramLabel = "NAME[:TYPE]=VALUE",
            description = "a named parameter for :NAME in the SQL, e.g. -P n:BIGINT=10 (type default STRING)")
    List<String> parameters = new ArrayList<>();

    @Option(names = "--session", paramLabel = "ID", description = "run in this session")
    String sessionId;

    @Option(names = "--row-limit", paramLabel = "N", description = "keep at most N rows")
    Long rowLimit;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "give up (and cancel the statement) after this long, e.g. 30s, 10m (default: wait)")
    Duration timeout;

    @Option(names = "--async", description = "submit, print the statement id, and return at once")
    boolean async;

    @Mixin
    OutputOptions printing;

    @Override
    public Integer call() throws IOException {
        CliContext context = hearth.context();
        List<String> statements = SqlScript.statements(text(context));
        if (statements.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "there is no SQL to run: give it as an argument or with -f FILE");
        }
        List<StatementParameter> bound =
                parameters.stream().map(SqlCommand::parameter).toList();
        OutputStream out = printing.output == null ? context.out() : ResultOutput.openFile(printing.output);
        try (HearthClient client = hearth.connect()) {
            for (String statement : statements) {
                int code = run(client.statements(), context, request(statement, bound), out);
                if (code != ExitCode.SUCCESS.code()) {
                    return code;
                }
            }
        } finally {
            if (printing.output == null) {
                out.flush(); // stdout is not ours to close
            } else {
                out.close();
            }
        }
        return ExitCode.SUCCESS.code();
    }

    private int run(Statements statements, CliContext context, StatementRequest request, OutputStream out)
            throws IOException {
        ErrorReporter reporter = new ErrorReporter(context.err());
        if (async) {
            StatementResponse submitted = statements.submit(request);
            out.write((submitted.statementId() + System.lineSeparator()).getBytes(UTF_8));
            return ExitCode.SUCCESS.code();
        }
        StatementResponse done;
        try (ProgressBar progress = ProgressBar.start(context.err(), hearth.showProgress());
                CancelOnExit guard = CancelOnExit.statement(statements, request)) {
            done = statements.execute(request, timeout, answer -> {
                guard.watch(answer.statementId());
                progress.update(answer.statementId(), answer.status());
            });
        } catch (StatementTimeoutException e) {
            statements.cancel(e.statementId());
            context.err()
                    .println("ERROR TIMEOUT: statement " + e.statementId() + " did not finish within "
                            + DurationConverter.format(timeout) + "; it was canceled");
            return ExitCode.TIMEOUT.code();
        }
        if (done.status().state() != StatementState.SUCCEEDED) {
            return reporter.ended("statement " + done.statementId(), done.status());
        }
        new ResultOutput(printing.maxWidth).write(statements.result(done), printing.format, out);
        return ExitCode.SUCCESS.code();
    }

    private StatementRequest request(String statement, List<StatementParameter> bound) {
        // a person watching a progress bar wants it to move soon; 5s is the shortest server wait
        String waitTimeout = async ? "0s" : hearth.showProgress() && timeout == null ? "5s" : null;
        // a key of its own, so that Ctrl-C can find the statement before the gateway answered
        String idempotencyKey = "hearth-cli-" + UUID.randomUUID();
        return new StatementRequest(statement, bound, waitTimeout, null, null, rowLimit, idempotencyKey, sessionId);
    }

    private String text(CliContext context) throws IOException {
        if (sql != null && file != null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give the SQL as an argument or with -f, not both");
        }
        if (file == null) {
            return sql == null ? "" : sql;
        }
        if (file.equals("-")) {
            return new String(context.in().readAllBytes(), UTF_8);
        }
        try {
            return Files.readString(Path.of(file), UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + file);
        }
    }

    /** {@code NAME[:TYPE]=VALUE}; the type is a Spark SQL type name. */
    static StatementParameter parameter(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException(
                    "a parameter is NAME[:TYPE]=VALUE, e.g. n:BIGINT=10; got '" + text + "'");
        }
        String name = text.substring(0, equals);
        String value = text.substring(equals + 1);
        int colon = name.indexOf(':');
        if (colon < 0) {
            return new StatementParameter(name, value, null);
        }
        return new StatementParameter(name.substring(0, colon), value, name.substring(colon + 1));
    }
}
