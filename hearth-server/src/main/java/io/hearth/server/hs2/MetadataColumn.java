package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

/**
 * A column of a metadata answer (GetTables, GetColumns, ...), named and typed as JDBC's {@code
 * DatabaseMetaData} documents it.
 *
 * @param name the column's name, e.g. {@code TABLE_SCHEM}
 * @param sqlType its type, a {@link java.sql.Types} constant
 */
public record MetadataColumn(String name, int sqlType) {
    public MetadataColumn {
        requireNonNull(name, "name is null");
    }
}
