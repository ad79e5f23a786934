package io.hearth.server.quota;

import java.time.Instant;
import java.util.Optional;

/** What a user uses now, as the metadata store knows it (all gateways on it together). */
public interface QuotaUsage {
    /** The user's statements and jobs PENDING or RUNNING. */
    long unfinishedWork(String owner);

    /** The user's results kept in the result store and not expired at {@code now}. */
    StoredResults storedResults(String owner, Instant now);

    /**
     * @param bytes their size together
     * @param firstExpiry when the first of them expires (and frees its bytes); empty when none
     */
    record StoredResults(long bytes, Optional<Instant> firstExpiry) {}
}
