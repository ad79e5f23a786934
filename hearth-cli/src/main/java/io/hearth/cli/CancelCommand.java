package io.hearth.cli;

import io.hearth.api.ErrorCode;
import io.hearth.api.job.JobResponse;
import io.hearth.api.statement.StatementResponse;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthClientException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hearth cancel ID} / {@code hearth cancel --job ID}: asks a statement or a job to stop. */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = {
            "Cancel a statement or a job (an ID that is not a statement is looked up as a job).",
            "Finished work stays as it is."
        })
final class CancelCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "the statement (or job)")
    String id;

    @Option(names = "--job", paramLabel = "JOB_ID", description = "the job")
    String jobId;

    @Override
    public Integer call() {
        if ((id == null) == (jobId == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give one ID, or --job JOB_ID");
        }
        try (HearthClient client = hearth.connect()) {
            if (jobId != null) {
                return cancelJob(client, jobId);
            }
            StatementResponse statement;
            try {
                statement = client.statements().cancel(id);
            } catch (HearthClientException e) {
                if (e.errorCode() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
                try {
                    return cancelJob(client, id);
                } catch (HearthClientException notAJob) {
                    // neither: the statement's NOT_FOUND stands
                    throw notAJob.errorCode() == ErrorCode.NOT_FOUND ? e : notAJob;
                }
            }
            hearth.context()
                    .out()
                    .println(statement.statementId() + " " + statement.status().state());
        }
        return ExitCode.SUCCESS.code();
    }

    private int cancelJob(HearthClient client, String jobId) {
        JobResponse job = client.jobs().cancel(jobId);
        hearth.context().out().println(job.jobId() + " " + job.status().state());
        return ExitCode.SUCCESS.code();
    }
}
