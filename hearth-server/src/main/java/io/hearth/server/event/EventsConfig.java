package io.hearth.server.event;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How lifecycle events are written, kept and published ({@code events.*}, docs/events.md).
 *
 * @param dispatch how channels are fed: {@code events.poll-interval}, {@code events.batch-size},
 *     {@code events.retry-initial}, {@code events.retry-max}, {@code events.gap-timeout}
 * @param inlineMaxBytes a SUCCEEDED event carries the first result chunk inline when its JSON rows
 *     take at most this many bytes ({@code events.inline-max-bytes}, 64 KiB; 0 never)
 * @param progressInterval at most one PROGRESS event per statement or job this often ({@code
 *     events.progress-interval}, 1s)
 * @param retention events older than this, and delivered by every channel, are deleted ({@code
 *     events.retention}, 7d)
 * @param logEnabled whether the log lines of statements and jobs become LOG events ({@code
 *     events.log.enabled}, false: they can be many)
 */
public record EventsConfig(
        EventDispatcher.DispatchConfig dispatch,
        long inlineMaxBytes,
        Duration progressInterval,
        Duration retention,
        boolean logEnabled) {
    public static final long DEFAULT_INLINE_MAX_BYTES = 64 * 1024;
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    public EventsConfig {
        requireNonNull(dispatch, "dispatch is null");
        requireNonNull(progressInterval, "progressInterval is null");
        requireNonNull(retention, "retention is null");
        if (inlineMaxBytes < 0) {
            throw new IllegalArgumentException("events.inline-max-bytes must not be negative");
        }
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("events.progress-interval must not be negative");
        }
        if (retention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("events.retention must be at least 1m");
        }
    }

    public static EventsConfig defaults() {
        return new EventsConfig(
                EventDispatcher.DispatchConfig.DEFAULT,
                DEFAULT_INLINE_MAX_BYTES,
                DEFAULT_PROGRESS_INTERVAL,
                DEFAULT_RETENTION,
                false);
    }
}
