package io.hearth.examples;

import io.hearth.api.spi.HearthJob;
import io.hearth.api.spi.JobContext;

/**
 * Estimates pi from random points in the unit square: a job that returns a value. It samples in
 * rounds of at most {@code samples_per_round} points, reports progress after each, and checks
 * between rounds whether it was canceled.
 */
public final class PiJob implements HearthJob<PiJob.Parameters, PiJob.Estimate> {
    public record Parameters(long samples, long samplesPerRound) {}

    /** The estimate and how many points it is based on. */
    public record Estimate(double pi, long samples) {}

    @Override
    public Estimate run(JobContext context, Parameters parameters) {
        if (parameters.samples() < 1 || parameters.samplesPerRound() < 1) {
            throw new IllegalArgumentException("samples and samples_per_round must be at least 1");
        }
        context.logger().info("estimating pi from " + parameters.samples() + " samples");
        long inside = 0;
        long done = 0;
        int round = 0;
        while (done < parameters.samples()) {
            context.checkCanceled();
            long size = Math.min(parameters.samplesPerRound(), parameters.samples() - done);
            round++;
            inside += context.spark()
                    .range(done, done + size)
                    .selectExpr("rand(" + round + ") as x", "rand(" + (round + 1_000_000) + ") as y")
                    .where("x * x + y * y <= 1")
                    .count();
            done += size;
            context.progress(done + " of " + parameters.samples() + " samples");
        }
        double pi = 4.0 * inside / done;
        context.logger().info("pi is about " + pi);
        return new Estimate(pi, done);
    }
}
