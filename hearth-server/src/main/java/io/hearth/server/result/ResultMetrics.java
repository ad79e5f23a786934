package io.hearth.server.result;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ResultFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Counts result rows and bytes sent to clients, by the door they left through and the format they
 * were sent in: {@code hearth.result.rows.served} and {@code hearth.result.chunk.bytes.served},
 * tagged {@code door} and {@code format}. The one place these meters are built, so every door adds
 * to the same series (docs/operations.md says what each door counts as its bytes).
 */
public final class ResultMetrics {
    static final String ROWS = "hearth.result.rows.served";
    static final String BYTES = "hearth.result.chunk.bytes.served";
    /** The format of HiveServer2's answers: values in Thrift row sets, whatever the result's own format. */
    public static final String THRIFT = "THRIFT";

    /** Where a result leaves the gateway. */
    public enum Door {
        REST,
        HS2,
        FLIGHT_SQL;

        /** The {@code door} tag's value: {@code rest}, {@code hs2}, {@code flight_sql}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The two counters of one door and format. */
    public record Served(Counter rows, Counter bytes) {
        public Served {
            requireNonNull(rows, "rows is null");
            requireNonNull(bytes, "bytes is null");
        }
    }

    private final MeterRegistry registry;

    public ResultMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        // every door's series present from the first scrape, at zero
        for (ResultFormat format : ResultFormat.values()) {
            served(Door.REST, format.name());
        }
        served(Door.HS2, THRIFT);
        served(Door.FLIGHT_SQL, ResultFormat.ARROW_STREAM.name());
    }

    /** The counters of a door and format (registering again returns the same counters). */
    public Served served(Door door, String format) {
        requireNonNull(door, "door is null");
        requireNonNull(format, "format is null");
        return new Served(
                Counter.builder(ROWS)
                        .description("Result rows sent to clients, by the door they left through and their format")
                        .tag("door", door.tag())
                        .tag("format", format)
                        .register(registry),
                Counter.builder(BYTES)
                        .description("Result bytes sent to clients, by the door they left through and their format"
                                + " (see docs/operations.md for what each door counts)")
                        .baseUnit("bytes")
                        .tag("door", door.tag())
                        .tag("format", format)
                        .register(registry));
    }
}
