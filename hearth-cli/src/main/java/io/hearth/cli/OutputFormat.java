package io.hearth.cli;

/** How {@code hearth sql} and {@code hearth result} print a result. */
enum OutputFormat {
    /** Aligned columns for a person, with a row count. */
    TABLE,
    /** RFC 4180 CSV with one header row, as the gateway serves it. */
    CSV,
    /** JSON Lines: one object per row, values as the gateway renders them. */
    JSON,
    /** One Arrow IPC stream (schema, then the record batches of every chunk). */
    ARROW,
    /** BSON documents, one per row, concatenated (what {@code bsondump} and {@code mongorestore} read). */
    BSON
}
