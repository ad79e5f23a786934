package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.StatementState;
import io.hearth.api.job.JobResponse;
import io.hearth.api.statement.StatementError;
import java.util.Optional;

/**
 * A job ended without a result to read: it FAILED, was CANCELED, or its result expired (CLOSED).
 * {@link #errorCode()} is the Hearth code: {@code CANCELED}, {@code RESULT_EXPIRED}, a Hearth code
 * the job's error names ({@code INVALID_PARAMETER_VALUE}, {@code ENGINE_LOST} ...), else {@code
 * APPLICATION_FAILED} (the job threw, or Spark failed it); {@link #error()} carries the job's own
 * {@code error_code} ({@code JOB_FAILED}, {@code INVALID_JOB}, Spark's condition ...) and message.
 */
public final class JobFailedException extends HearthException {
    private static final long serialVersionUID = 1L;

    private final transient JobResponse job;

    public JobFailedException(JobResponse job) {
        super(errorCode(job), message(job));
        this.job = job;
    }

    /** The job as last seen. */
    public JobResponse job() {
        return job;
    }

    public String jobId() {
        return job.jobId();
    }

    public StatementState state() {
        return job.status().state();
    }

    /** The job's error as the gateway reported it, when it has one. */
    public Optional<StatementError> error() {
        return Optional.ofNullable(job.status().error());
    }

    private static ErrorCode errorCode(JobResponse job) {
        StatementState state = requireNonNull(job, "job is null").status().state();
        return switch (state) {
            case CANCELED -> ErrorCode.CANCELED;
            case CLOSED -> ErrorCode.RESULT_EXPIRED;
            case FAILED -> hearthCode(job.status().error());
            case PENDING, RUNNING, SUCCEEDED ->
                throw new IllegalArgumentException("job " + job.jobId() + " is " + state + ", not failed");
        };
    }

    private static ErrorCode hearthCode(StatementError error) {
        if (error != null && error.errorCode() != null) {
            for (ErrorCode code : ErrorCode.values()) {
                if (code.name().equals(error.errorCode())) {
                    return code;
                }
            }
        }
        return ErrorCode.APPLICATION_FAILED;
    }

    private static String message(JobResponse job) {
        StatementError error = job.status().error();
        if (error != null && error.message() != null) {
            return error.message();
        }
        return switch (job.status().state()) {
            case CANCELED -> "job " + job.jobId() + " was canceled";
            case CLOSED -> "the result of job " + job.jobId() + " has expired";
            case PENDING, RUNNING, SUCCEEDED, FAILED -> "job " + job.jobId() + " failed";
        };
    }
}
