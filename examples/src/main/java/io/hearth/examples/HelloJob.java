package io.hearth.examples;

import io.hearth.api.spi.HearthJob;
import io.hearth.api.spi.JobContext;

/**
 * The smallest job: greets by name without touching Spark. Its round trip is the job model's own
 * cost (validation, dispatch, the engine's class loading and parameter binding), which the
 * benchmark compares with a {@code select 1} statement.
 */
public final class HelloJob implements HearthJob<HelloJob.Parameters, String> {
    public record Parameters(String name) {}

    @Override
    public String run(JobContext context, Parameters parameters) {
        return "hello, " + parameters.name();
    }
}
