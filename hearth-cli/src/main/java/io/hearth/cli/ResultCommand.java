package io.hearth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.StatementState;
import io.hearth.api.job.JobResponse;
import io.hearth.api.statement.StatementResponse;
import io.hearth.client.HearthClient;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hearth result ID} / {@code hearth result --job ID}: prints the result of a statement or job
 * that already ran (say, with {@code --async}).
 */
@Command(
        name = "result",
        mixinStandardHelpOptions = true,
        description = "Print the result of a finished statement or job (waits for it if it still runs).")
final class ResultCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "STATEMENT_ID", description = "the statement")
    String statementId;

    @Option(names = "--job", paramLabel = "JOB_ID", description = "the job")
    String jobId;

    @Mixin
    OutputOptions printing;

    @Override
    public Integer call() throws IOException {
        if ((statementId == null) == (jobId == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give one STATEMENT_ID, or --job JOB_ID");
        }
        CliContext context = hearth.context();
        ErrorReporter reporter = new ErrorReporter(context.err());
        try (HearthClient client = hearth.connect()) {
            if (jobId != null) {
                JobResponse job = client.jobs().await(jobId, null, ignored -> {});
                if (job.status().state() != StatementState.SUCCEEDED) {
                    return reporter.ended("job " + job.jobId(), job.status());
                }
                JobResultOutput result =
                        new JobResultOutput(client.jobs(), new ObjectMapper(), printing.maxWidth, context.err());
                try (OutputStream out = printing.output == null ? null : ResultOutput.openFile(printing.output)) {
                    result.write(job, printing.format, out == null ? context.out() : out);
                }
                return ExitCode.SUCCESS.code();
            }
            StatementResponse statement = client.statements().await(statementId, null, ignored -> {});
            if (statement.status().state() != StatementState.SUCCEEDED) {
                return reporter.ended("statement " + statement.statementId(), statement.status());
            }
            ResultOutput result = new ResultOutput(printing.maxWidth);
            try (OutputStream out = printing.output == null ? null : ResultOutput.openFile(printing.output)) {
                result.write(client.statements().result(statement), printing.format, out == null ? context.out() : out);
            }
        }
        return ExitCode.SUCCESS.code();
    }
}
