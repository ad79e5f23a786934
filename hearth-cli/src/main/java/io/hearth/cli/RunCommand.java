package io.hearth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.StatementState;
import io.hearth.api.job.FunctionInfo;
import io.hearth.api.job.JobRequest;
import io.hearth.api.job.JobResponse;
import io.hearth.client.HearthClient;
import io.hearth.client.JobTimeoutException;
import io.hearth.client.Jobs;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hearth run FUNCTION NAME=VALUE ...}: runs a job of a function, waits for it, and prints its result. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run a function (one job), wait for it, and print its result: a value as JSON, a Dataset as `hearth sql` prints rows.",
            "Parameters are NAME=VALUE, read as the function's parameter types say (`hearth functions show NAME`):"
                    + " integer, number, boolean, string, arrays as a,b,c or a JSON literal, objects as JSON; or all at once with --json.",
            "Parameters that do not fit exit with 2, listing every problem."
        })
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "the function to run")
    String function;

    @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "a parameter, e.g. min_count=2 or words=a,b,c")
    List<String> assignments = new ArrayList<>();

    @Option(
            names = "--json",
            paramLabel = "JSON",
            description = "the parameters as a JSON object; NAME=VALUE arguments override its fields")
    String json;

    @Option(names = "--row-limit", paramLabel = "N", description = "a Dataset: keep at most N rows")
    Long rowLimit;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "give up (and cancel the job) after this long, e.g. 30s, 10m (default: wait)")
    Duration timeout;

    @Option(names = "--async", description = "submit, print the job id, and return at once")
    boolean async;

    @Mixin
    OutputOptions printing;

    @Override
    public Integer call() throws IOException {
        CliContext context = hearth.context();
        ObjectMapper mapper = new ObjectMapper();
        try (HearthClient client = hearth.connect()) {
            FunctionInfo info = client.functions().find(function);
            Map<String, Object> parameters =
                    new JobParameters(ParameterSchema.of(info.parametersSchema()), mapper).parse(json, assignments);
            JobRequest request = request(parameters);
            Jobs jobs = client.jobs();
            if (async) {
                JobResponse submitted = jobs.submit(function, request);
                context.out().println(submitted.jobId());
                return ExitCode.SUCCESS.code();
            }
            JobResponse done;
            try (ProgressBar progress = ProgressBar.start(context.err(), hearth.showProgress());
                    CancelOnExit guard = CancelOnExit.job(jobs, function, request)) {
                done = jobs.run(function, request, timeout, answer -> {
                    guard.watch(answer.jobId());
                    progress.update(answer.jobId(), answer.status());
                });
            } catch (JobTimeoutException e) {
                jobs.cancel(e.jobId());
                context.err()
                        .println("ERROR TIMEOUT: job " + e.jobId() + " did not finish within "
                                + DurationConverter.format(timeout) + "; it was canceled");
                return ExitCode.TIMEOUT.code();
            }
            if (done.status().state() != StatementState.SUCCEEDED) {
                return new ErrorReporter(context.err()).ended("job " + done.jobId(), done.status());
            }
            JobResultOutput result = new JobResultOutput(jobs, mapper, printing.maxWidth, context.err());
            if (printing.output == null) {
                result.write(done, printing.format, context.out());
            } else {
                try (OutputStream out = ResultOutput.openFile(printing.output)) {
                    result.write(done, printing.format, out);
                }
            }
        }
        return ExitCode.SUCCESS.code();
    }

    private JobRequest request(Map<String, Object> parameters) {
        // a person watching a progress bar wants it to move soon; 5s is the shortest server wait
        String waitTimeout = async ? "0s" : hearth.showProgress() && timeout == null ? "5s" : null;
        // a key of its own, so that Ctrl-C can find the job before the gateway answered
        String idempotencyKey = "hearth-cli-" + UUID.randomUUID();
        return new JobRequest(parameters, waitTimeout, null, null, rowLimit, idempotencyKey);
    }
}
