package io.hearth.api.spi;

/** Thrown by {@link JobContext#checkCanceled()} once the job was asked to stop; the job ends CANCELED. */
public final class JobCanceledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobCanceledException(String jobId) {
        super("job " + jobId + " was canceled");
    }
}
