package io.hearth.cli;

import io.hearth.api.batch.BatchInfo;
import io.hearth.api.batch.BatchRequest;
import io.hearth.client.BatchTimeoutException;
import io.hearth.client.Batches;
import io.hearth.client.HearthClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hearth batch submit}: runs a Spark application from an uploaded jar and, unless {@code
 * --async}, waits for it and exits by how it ended.
 */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "Run a Spark application's main from an uploaded jar (see `hearth upload`).",
            "Prints the batch id at once, then waits for the batch to end and exits by how it ended: 0 succeeded,"
                    + " 1 failed (the error on stderr), 4 killed. Ctrl-C stops waiting; the batch keeps running.",
            "Arguments for main go after `--`: hearth batch submit --artifact A --class com.example.App -- in.txt out/"
        })
final class BatchSubmitCommand implements Callable<Integer> {
    @ParentCommand
    BatchCommand batch;

    @Option(names = "--artifact", required = true, paramLabel = "ARTIFACT_ID", description = "the uploaded jar")
    String artifactId;

    @Option(
            names = "--class",
            required = true,
            paramLabel = "CLASS",
            description = "the class whose main runs, e.g. com.example.App")
    String className;

    @Option(
            names = "--conf",
            paramLabel = "KEY=VALUE",
            description = "Spark conf for the application (keys start with spark.), e.g. --conf spark.driver.memory=1g")
    Map<String, String> conf;

    @Parameters(paramLabel = "ARGS", description = "the arguments of main (after --)")
    List<String> args = new ArrayList<>();

    @Option(names = "--async", description = "submit, print the batch id, and return at once")
    boolean async;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "give up (and kill the batch) after this long, e.g. 30m (default: wait)")
    Duration timeout;

    @Override
    public Integer call() {
        HearthCli hearth = batch.hearth();
        CliContext context = hearth.context();
        try (HearthClient client = hearth.connect()) {
            Batches batches = client.batches();
            BatchInfo submitted = batches.submit(new BatchRequest(artifactId, className, args, conf));
            // the id first, so that B=$(hearth batch submit ...) works with or without --async
            context.out().println(submitted.batchId());
            if (async) {
                return ExitCode.SUCCESS.code();
            }
            BatchInfo done;
            try (ProgressBar progress = ProgressBar.start(context.err(), hearth.showProgress())) {
                progress.update(submitted.batchId(), submitted.state());
                done = batches.await(
                        submitted.batchId(), timeout, answer -> progress.update(answer.batchId(), answer.state()));
            } catch (BatchTimeoutException e) {
                batches.kill(e.batchId());
                context.err()
                        .println("ERROR TIMEOUT: batch " + e.batchId() + " did not finish within "
                                + DurationConverter.format(timeout) + "; it was killed");
                return ExitCode.TIMEOUT.code();
            }
            return new ErrorReporter(context.err()).ended(done);
        }
    }
}
