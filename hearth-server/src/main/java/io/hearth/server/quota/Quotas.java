package io.hearth.server.quota;

import static java.util.Objects.requireNonNull;

import io.hearth.api.HearthException;
import io.hearth.server.auth.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Checks a user's quotas before their work is stored, so refused work leaves no trace. Usage comes
 * from the store; work this gateway is accepting but has not stored yet is counted too, so
 * concurrent submissions of one user cannot slip past the limit together.
 */
public final class Quotas {
    private final QuotaConfig config;
    private final QuotaUsage usage;
    private final Clock clock;
    private final Map<String, Integer> accepting = new HashMap<>();

    public Quotas(QuotaConfig config, QuotaUsage usage, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.usage = requireNonNull(usage, "usage is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * A place for one more statement or job of the principal, held until it is stored (close the
     * reservation then, or when accepting it failed).
     *
     * @throws HearthException QUOTA_EXCEEDED when the principal has as much work running as their
     *     quota allows (with Retry-After), or as many stored result bytes (with Retry-After when
     *     their first result expires)
     */
    public Reservation reserveWork(Principal principal) {
        String user = principal.name();
        UserQuota quota = config.forUser(user);
        Instant now = clock.instant();
        if (quota.maxResultBytes() != UserQuota.UNLIMITED) {
            QuotaUsage.StoredResults results = usage.storedResults(user, now);
            if (results.bytes() >= quota.maxResultBytes()) {
                throw HearthException.quotaExceeded(
                        "your stored results hold " + results.bytes() + " bytes, your quota is "
                                + quota.maxResultBytes() + " (quota.max-result-bytes); new work is refused until"
                                + " results expire",
                        results.firstExpiry()
                                .map(expiry -> Duration.between(now, expiry))
                                .filter(delay -> !delay.isNegative())
                                .orElse(null));
            }
        }
        if (quota.maxRunning() == UserQuota.UNLIMITED) {
            return () -> {};
        }
        synchronized (accepting) {
            long running = usage.unfinishedWork(user) + accepting.getOrDefault(user, 0);
            if (running >= quota.maxRunning()) {
                throw HearthException.quotaExceeded(
                        "you have " + running + " statements and jobs pending or running, your quota is "
                                + quota.maxRunning() + " (quota.max-running)",
                        config.retryAfter());
            }
            accepting.merge(user, 1, Integer::sum);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                synchronized (accepting) {
                    accepting.computeIfPresent(user, (name, count) -> count <= 1 ? null : count - 1);
                }
            }
        };
    }

    /** A place held while work is accepted; closing it twice is harmless. */
    public interface Reservation extends AutoCloseable {
        @Override
        void close();
    }
}
