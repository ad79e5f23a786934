package io.hearth.server.event.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How webhooks are delivered ({@code webhooks.*}, docs/webhooks.md).
 *
 * @param enabled whether events of resources with a {@code callback_url} are POSTed there ({@code
 *     webhooks.enabled}, false)
 * @param secret the HMAC-SHA256 key receivers verify {@code X-Hearth-Signature} with ({@code
 *     webhooks.secret}, required when enabled; {@code HEARTH_WEBHOOKS_SECRET} or {@code ${env:..}})
 * @param timeout the connect and the whole-request timeout of one attempt ({@code webhooks.timeout},
 *     10s)
 * @param maxAttempts attempts before a delivery is given up and kept as dead ({@code
 *     webhooks.max-attempts}, 8)
 * @param retryInitial the wait after the first failed attempt, doubled after each one ({@code
 *     webhooks.retry-initial}, 1s)
 * @param retryMax the longest wait between attempts ({@code webhooks.retry-max}, 10m)
 * @param allowedHosts the only hosts webhooks may go to, lower case; {@code *.example.com} allows
 *     sub-domains; empty allows any host ({@code webhooks.allowed-hosts})
 */
public record WebhookConfig(
        boolean enabled,
        String secret,
        Duration timeout,
        int maxAttempts,
        Duration retryInitial,
        Duration retryMax,
        Set<String> allowedHosts) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(10);
    public static final WebhookConfig DISABLED = new WebhookConfig(
            false, "", DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_INITIAL, DEFAULT_RETRY_MAX, Set.of());

    public WebhookConfig {
        secret = secret == null ? "" : secret;
        requireNonNull(timeout, "timeout is null");
        requireNonNull(retryInitial, "retryInitial is null");
        requireNonNull(retryMax, "retryMax is null");
        allowedHosts = allowedHosts.stream()
                .map(host -> host.trim().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (enabled && secret.isBlank()) {
            throw new IllegalArgumentException("webhooks.secret is required when webhooks.enabled is true (set it, or"
                    + " HEARTH_WEBHOOKS_SECRET; receivers verify X-Hearth-Signature with it)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("webhooks.timeout must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("webhooks.max-attempts must be at least 1");
        }
        if (retryInitial.isNegative() || retryInitial.isZero()) {
            throw new IllegalArgumentException("webhooks.retry-initial must be positive");
        }
        if (retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("webhooks.retry-max must not be shorter than webhooks.retry-initial");
        }
    }

    /** Whether a webhook may go to {@code host} ({@code webhooks.allowed-hosts}). */
    public boolean allows(String host) {
        if (allowedHosts.isEmpty()) {
            return true;
        }
        String name = host.toLowerCase(Locale.ROOT);
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.") ? name.endsWith(allowed.substring(1)) : name.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failed ones. */
    public Duration backoff(int attempts) {
        Duration wait = retryInitial;
        for (int i = 1; i < attempts && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) <= 0 ? wait : retryMax;
    }

    @Override
    public String toString() {
        return "WebhookConfig[enabled=" + enabled + ", secret=***, timeout=" + timeout + ", maxAttempts=" + maxAttempts
                + ", retryInitial=" + retryInitial + ", retryMax=" + retryMax + ", allowedHosts=" + allowedHosts + "]";
    }
}
