package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.job.JobResponse;
import java.time.Duration;

/**
 * The caller's timeout passed before a job finished. The job keeps running on the gateway: cancel
 * it ({@link Jobs#cancel}) or keep waiting ({@link Jobs#await}).
 */
public final class JobTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient JobResponse job;

    public JobTimeoutException(JobResponse job, Duration timeout) {
        super("job " + requireNonNull(job, "job is null").jobId() + " is still "
                + job.status().state() + " after " + timeout);
        this.job = job;
    }

    /** The job as last seen. */
    public JobResponse job() {
        return job;
    }

    public String jobId() {
        return job.jobId();
    }
}
