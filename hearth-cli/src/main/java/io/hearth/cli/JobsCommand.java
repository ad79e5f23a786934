package io.hearth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.StatementState;
import io.hearth.api.job.JobList;
import io.hearth.api.job.JobResponse;
import io.hearth.api.job.JobSummary;
import io.hearth.client.HearthClient;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hearth jobs [list | show ID]}: the caller's jobs, newest first, or one of them. */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "List your jobs, newest first (the default), or show one.")
final class JobsCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Option(names = "--state", paramLabel = "STATE", description = "only these: ${COMPLETION-CANDIDATES}")
    StatementState state;

    @Option(
            names = "--limit",
            defaultValue = "20",
            paramLabel = "N",
            description = "at most N (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--page-token", paramLabel = "TOKEN", description = "continue where an earlier listing stopped")
    String pageToken;

    @Override
    public Integer call() {
        return list();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List your jobs, newest first.")
    int list() {
        PrintStream out = hearth.context().out();
        try (HearthClient client = hearth.connect()) {
            JobList page = client.jobs().list(state, limit, pageToken);
            out.printf("%-36s  %-24s  %-9s  %-27s  %s%n", "JOB_ID", "FUNCTION", "STATE", "CREATED_AT", "ERROR");
            for (JobSummary job : page.jobs()) {
                out.printf(
                        "%-36s  %-24s  %-9s  %-27s  %s%n",
                        job.jobId(),
                        job.function(),
                        job.state(),
                        job.createdAt(),
                        job.error() == null
                                ? ""
                                : job.error().errorCode() + ": "
                                        + oneLine(job.error().message()));
            }
            if (page.nextPageToken() != null) {
                out.println("(more: --page-token " + page.nextPageToken() + ")");
            }
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = {
                "Show a job: its function, parameters, state, progress, and its value or result size.",
                "Exit code: 0 while it runs and when it succeeded, 1 when it failed, 4 when it was canceled."
            })
    int show(@Parameters(paramLabel = "JOB_ID", description = "the job") String jobId) {
        try (HearthClient client = hearth.connect()) {
            JobResponse job = client.jobs().find(jobId);
            new StatusReport(hearth.context().out(), new ObjectMapper()).job(job);
            return new ErrorReporter(hearth.context().err()).ended("job " + job.jobId(), job.status());
        }
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
