package io.hearth.api;

import java.util.Locale;
import java.util.Optional;

/** The formats a result chunk can be fetched in; every chunk can be fetched in each. */
public enum ResultFormat {
    /** JSON rows as arrays of typed values. */
    JSON_ARRAY("application/json"),
    /** RFC 4180 CSV with a header row. */
    CSV("text/csv"),
    /** An Arrow IPC stream (schema, then record batches). */
    ARROW_STREAM("application/vnd.apache.arrow.stream"),
    /**
     * BSON documents, one per row, concatenated (as {@code mongoexport} writes and {@code bsondump}
     * or {@code mongorestore} read them); column names are the keys.
     */
    BSON("application/bson");

    private final String mediaType;

    ResultFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format named by a string such as {@code "csv"} or {@code "JSON_ARRAY"}. */
    public static Optional<ResultFormat> fromName(String name) {
        for (ResultFormat format : values()) {
            if (format.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format served for a media type from an Accept header, if any. */
    public static Optional<ResultFormat> fromMediaType(String mediaType) {
        String bare = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (ResultFormat format : values()) {
            if (format.mediaType.equals(bare)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
