package io.hearth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * {@code hearth status ID} / {@code hearth status --job ID}: one statement's or job's state,
 * progress, result size or value; the exit code says how it ended.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show a statement's or a job's state (an ID that is not a statement is looked up as a job).",
            "Exit code: 0 while it runs and when it succeeded, 1 when it failed, 4 when it was canceled."
        })
final class StatusCommand implements Callable<Integer> {
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
        StatusReport report = new StatusReport(hearth.context().out(), new ObjectMapper());
        ErrorReporter reporter = new ErrorReporter(hearth.context().err());
        try (HearthClient client = hearth.connect()) {
            if (jobId != null) {
                return job(client, report, reporter, jobId);
            }
            StatementResponse statement;
            try {
                statement = client.statements().find(id);
            } catch (HearthClientException e) {
                if (e.errorCode() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
                return jobOr(client, report, reporter, e);
            }
            report.statement(statement);
            return reporter.ended("statement " + statement.statementId(), statement.status());
        }
    }

    /** The ID as a job; when it is no job either, the statement's NOT_FOUND stands. */
    private int jobOr(
            HearthClient client, StatusReport report, ErrorReporter reporter, HearthClientException notFound) {
        try {
            return job(client, report, reporter, id);
        } catch (HearthClientException e) {
            if (e.errorCode() == ErrorCode.NOT_FOUND) {
                throw notFound;
            }
            throw e;
        }
    }

    private static int job(HearthClient client, StatusReport report, ErrorReporter reporter, String jobId) {
        JobResponse job = client.jobs().find(jobId);
        report.job(job);
        return reporter.ended("job " + job.jobId(), job.status());
    }
}
