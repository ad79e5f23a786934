package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import io.hearth.api.HearthException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per user name and per remote address in a sliding window, and refuses
 * further attempts of either once it is full, before their credentials are checked: this slows
 * password guessing and keeps bcrypt's deliberate cost from becoming a way to burn the gateway's
 * CPU. In memory, per gateway: several gateways behind a balancer each count their own.
 */
public final class FailedLogins {
    /** Above this many tracked keys, expired ones are swept on the next failure. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public FailedLogins(int maxPerUser, int maxPerAddress, Duration window, Clock clock) {
        if (maxPerUser < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("the maxima must be at least 1");
        }
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = requireNonNull(window, "window is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Refuses an attempt when this user or address already failed its maximum of times within the
     * window.
     *
     * @throws HearthException TOO_MANY_REQUESTS, with the delay until an attempt is allowed again
     */
    public void checkAllowed(Optional<String> user, String remoteAddress) {
        Instant now = clock.instant();
        Optional<Duration> userWait = user.flatMap(name -> wait(userKey(name), maxPerUser, now));
        Optional<Duration> addressWait = wait(addressKey(remoteAddress), maxPerAddress, now);
        if (userWait.isEmpty() && addressWait.isEmpty()) {
            return;
        }
        Duration retryAfter = userWait.orElse(Duration.ZERO).compareTo(addressWait.orElse(Duration.ZERO)) > 0
                ? userWait.get()
                : addressWait.get();
        String who = userWait.isPresent() ? "user " + user.get() : "address " + remoteAddress;
        throw HearthException.tooManyRequests(
                "too many failed logins for " + who + "; try again in " + Math.max(1, retryAfter.toSeconds())
                        + " seconds",
                retryAfter);
    }

    /** Counts a failed attempt against the user name (when there is one) and the address. */
    public void recordFailure(Optional<String> user, String remoteAddress) {
        Instant now = clock.instant();
        user.ifPresent(name -> add(userKey(name), maxPerUser, now));
        add(addressKey(remoteAddress), maxPerAddress, now);
        if (failures.size() > SWEEP_THRESHOLD) {
            failures.keySet().forEach(key -> wait(key, Integer.MAX_VALUE, now));
        }
    }

    /**
     * Forgets the user's failures: the right password ends a run of typos. The address keeps its
     * count, so one valid account does not reset the guessing of others from the same place.
     */
    public void recordSuccess(String user) {
        failures.remove(userKey(user));
    }

    private void add(String key, int max, Instant now) {
        failures.compute(key, (ignored, times) -> {
            Deque<Instant> updated = times == null ? new ArrayDeque<>() : times;
            prune(updated, now);
            updated.addLast(now);
            while (updated.size() > max) {
                updated.removeFirst();
            }
            return updated;
        });
    }

    /** How long until the key may try again, or empty when it may now; drops keys with nothing left. */
    private Optional<Duration> wait(String key, int max, Instant now) {
        Duration[] delay = {null};
        failures.computeIfPresent(key, (ignored, times) -> {
            prune(times, now);
            if (times.size() >= max) {
                delay[0] = Duration.between(now, times.peekFirst().plus(window));
            }
            return times.isEmpty() ? null : times;
        });
        return Optional.ofNullable(delay[0]);
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant oldestCounted = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldestCounted)) {
            times.removeFirst();
        }
    }

    private static String userKey(String user) {
        return "user:" + user;
    }

    private static String addressKey(String remoteAddress) {
        return "address:" + remoteAddress;
    }
}
