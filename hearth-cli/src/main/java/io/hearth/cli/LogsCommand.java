package io.hearth.cli;

import io.hearth.api.job.JobResponse;
import io.hearth.client.HearthClient;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hearth logs ID [--follow]}: the end of a job's log, or its lines as they come until it ends. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = {
            "Print the end of a job's log: one line per logger call, `<instant> <LEVEL> <message>`.",
            "With --follow, keep printing new lines until the job ends; the exit code then says how it ended"
                    + " (0 succeeded, 1 failed, 4 canceled)."
        })
final class LogsCommand implements Callable<Integer> {
    private static final long FOLLOW_INTERVAL_MILLIS = 500;

    @ParentCommand
    HearthCli hearth;

    @Parameters(paramLabel = "JOB_ID", description = "the job")
    String jobId;

    @Option(
            names = {"-f", "--follow"},
            description = "keep printing new lines until the job ends")
    boolean follow;

    @Option(
            names = "--max-bytes",
            defaultValue = "65536",
            paramLabel = "N",
            description = "at most the last N bytes of the log (default ${DEFAULT-VALUE})")
    int maxBytes;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = hearth.context().out();
        try (HearthClient client = hearth.connect()) {
            if (!follow) {
                out.print(client.jobs().log(jobId, maxBytes));
                out.flush();
                return ExitCode.SUCCESS.code();
            }
            List<String> printed = List.of();
            while (true) {
                // the state first: once it has ended, the log fetched after it is complete
                JobResponse job = client.jobs().find(jobId);
                List<String> lines = client.jobs().log(jobId, maxBytes).lines().toList();
                lines.subList(LogTail.overlap(printed, lines), lines.size()).forEach(out::println);
                out.flush();
                printed = lines;
                if (job.status().state().isTerminal()) {
                    return new ErrorReporter(hearth.context().err()).ended("job " + job.jobId(), job.status());
                }
                Thread.sleep(FOLLOW_INTERVAL_MILLIS);
            }
        }
    }
}
