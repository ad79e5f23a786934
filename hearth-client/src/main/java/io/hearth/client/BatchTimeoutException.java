package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.batch.BatchInfo;
import java.time.Duration;

/**
 * The caller's timeout passed before a batch ended. The batch keeps running on the gateway: kill it
 * ({@link Batches#kill}) or keep waiting ({@link Batches#await}).
 */
public final class BatchTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient BatchInfo batch;

    public BatchTimeoutException(BatchInfo batch, Duration timeout) {
        super("batch " + requireNonNull(batch, "batch is null").batchId() + " is still " + batch.state() + " after "
                + timeout);
        this.batch = batch;
    }

    /** The batch as last seen. */
    public BatchInfo batch() {
        return batch;
    }

    public String batchId() {
        return batch.batchId();
    }
}
