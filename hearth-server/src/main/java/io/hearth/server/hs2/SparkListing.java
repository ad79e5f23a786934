package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

import io.hearth.server.auth.Principal;
import io.hearth.server.session.SessionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one session's Spark has (catalogs, schemas, tables, columns, functions), listed by SQL run
 * as its owner. Only names Spark itself listed go into the SQL, quoted with backticks; the
 * client's patterns are matched in Java. A schema or table dropped while it is listed lists
 * nothing, not an error.
 */
final class SparkListing {
    static final String TABLE = "TABLE";
    static final String VIEW = "VIEW";
    /** The schema of global temp views ({@code spark.sql.globalTempDatabase}, default). */
    static final String GLOBAL_TEMP = "global_temp";

    static final String SESSION_CATALOG = "spark_catalog";

    private final SessionQueries queries;
    private final Principal principal;
    private final SessionId session;

    SparkListing(SessionQueries queries, Principal principal, SessionId session) {
        this.queries = requireNonNull(queries, "queries is null");
        this.principal = requireNonNull(principal, "principal is null");
        this.session = requireNonNull(session, "session is null");
    }

    /** A schema (namespace) of a catalog. */
    record SchemaName(String catalog, String schema) {
        String quoted() {
            return quote(catalog) + "." + quote(schema);
        }
    }

    /** A table or view ({@link #TABLE} or {@link #VIEW}); a local temp view has no catalog and no schema. */
    record TableName(String catalog, String schema, String name, String type) {
        String quoted() {
            if (schema == null) {
                return quote(name); // unqualified: the session's temp view comes first
            }
            // Spark resolves global temp views by schema and name only, not under the catalog
            if (schema.equals(GLOBAL_TEMP) && SESSION_CATALOG.equals(catalog)) {
                return quote(schema) + "." + quote(name);
            }
            return quote(catalog) + "." + quote(schema) + "." + quote(name);
        }
    }

    /**
     * {@code SHOW CATALOGS}. A catalog Spark does not list is never asked about: {@code SHOW
     * NAMESPACES IN x} with an unknown catalog {@code x} would list schema {@code x}'s namespaces.
     */
    List<String> catalogs() {
        List<String> catalogs = new ArrayList<>();
        for (List<Object> row : queries.run(principal, session, "SHOW CATALOGS")) {
            catalogs.add(text(row, 0));
        }
        return catalogs;
    }

    /** The schemas of the catalog (any, when null or empty) whose names match. */
    List<SchemaName> schemas(String catalog, JdbcPattern schemaPattern) {
        List<SchemaName> schemas = new ArrayList<>();
        for (String name : catalogs()) {
            if (!isAnyCatalog(catalog) && !name.equals(catalog)) {
                continue;
            }
            Set<String> namespaces = new TreeSet<>();
            for (List<Object> row : runInSchema("SHOW NAMESPACES IN " + quote(name))) {
                namespaces.add(text(row, 0));
            }
            if (name.equals(SESSION_CATALOG)) {
                namespaces.add(GLOBAL_TEMP);
            }
            for (String namespace : namespaces) {
                if (schemaPattern.matches(namespace)) {
                    schemas.add(new SchemaName(name, namespace));
                }
            }
        }
        return schemas;
    }

    /**
     * The tables and views whose schema and name match; the session's local temp views too when
     * the catalog is any and the schema pattern takes in no schema.
     */
    List<TableName> tables(String catalog, JdbcPattern schemaPattern, JdbcPattern namePattern) {
        List<TableName> tables = new ArrayList<>();
        List<List<Object>> localViews = null;
        for (SchemaName schema : schemas(catalog, schemaPattern)) {
            List<List<Object>> views = runInSchema("SHOW VIEWS IN " + schema.quoted());
            List<List<Object>> all = runInSchema("SHOW TABLES IN " + schema.quoted());
            Set<String> viewNames = new TreeSet<>();
            for (List<Object> view : views) {
                // a row without a namespace is a local temp view: Spark lists those in every schema
                if (isEmpty(text(view, 0))) {
                    localViews = views;
                } else {
                    viewNames.add(text(view, 1));
                }
            }
            for (List<Object> table : all) {
                String name = text(table, 1);
                if (!isEmpty(text(table, 0)) && namePattern.matches(name)) {
                    tables.add(new TableName(
                            schema.catalog(), schema.schema(), name, viewNames.contains(name) ? VIEW : TABLE));
                }
            }
        }
        if (isAnyCatalog(catalog) && schemaPattern.matchesNoSchema()) {
            if (localViews == null) {
                localViews = queries.run(principal, session, "SHOW VIEWS");
            }
            for (List<Object> view : localViews) {
                String name = text(view, 1);
                if (isEmpty(text(view, 0)) && namePattern.matches(name)) {
                    tables.add(new TableName(null, null, name, VIEW));
                }
            }
        }
        return tables;
    }

    /**
     * {@code DESCRIBE TABLE}: rows of column name, type as Spark prints it, comment, up to the
     * partition section; empty when the table was dropped since it was listed.
     */
    List<List<Object>> columns(TableName table) {
        List<List<Object>> described;
        try {
            described = queries.run(principal, session, "DESCRIBE TABLE " + table.quoted());
        } catch (QueryFailedException e) {
            if (e.hasCondition("TABLE_OR_VIEW_NOT_FOUND") || e.hasCondition("SCHEMA_NOT_FOUND")) {
                return List.of();
            }
            throw e;
        }
        List<List<Object>> columns = new ArrayList<>();
        for (List<Object> column : described) {
            String name = text(column, 0);
            // the partition section ("# Partition Information", ...) repeats columns already listed
            if (isEmpty(name) || name.startsWith("#")) {
                break;
            }
            columns.add(column);
        }
        return columns;
    }

    /** {@code SHOW FUNCTIONS}: the built-in and temporary functions, by name (no schema). */
    List<String> unqualifiedFunctions() {
        List<String> functions = new ArrayList<>();
        for (List<Object> row : queries.run(principal, session, "SHOW FUNCTIONS")) {
            String listed = text(row, 0);
            // the current schema's own functions are qualified ("spark_catalog.db.f"); Spark's own may be "system.*"
            if (listed.indexOf('.') < 0 || listed.startsWith("system.")) {
                functions.add(listed.substring(listed.lastIndexOf('.') + 1));
            }
        }
        return functions;
    }

    /** {@code SHOW USER FUNCTIONS IN}: a schema's own functions, by name. */
    List<String> functions(SchemaName schema) {
        if (schema.schema().equals(GLOBAL_TEMP)) {
            return List.of(); // holds views only
        }
        String prefix = schema.catalog() + "." + schema.schema() + ".";
        List<String> functions = new ArrayList<>();
        for (List<Object> row : runInSchema("SHOW USER FUNCTIONS IN " + schema.quoted())) {
            String qualified = text(row, 0);
            functions.add(
                    qualified.startsWith(prefix)
                            ? qualified.substring(prefix.length())
                            : qualified.substring(qualified.lastIndexOf('.') + 1));
        }
        return functions;
    }

    /** JDBC's null catalog means any; the Hive driver sends an empty one for the same. */
    static boolean isAnyCatalog(String catalog) {
        return catalog == null || catalog.isEmpty();
    }

    /** A Spark identifier in backticks, a backtick inside doubled. */
    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    static String text(List<Object> row, int index) {
        Object value = row.get(index);
        return value == null ? null : value.toString();
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }

    /** Runs a listing in one schema; a schema dropped meanwhile lists nothing. */
    private List<List<Object>> runInSchema(String sql) {
        try {
            return queries.run(principal, session, sql);
        } catch (QueryFailedException e) {
            if (e.hasCondition("SCHEMA_NOT_FOUND")) {
                return List.of();
            }
            throw e;
        }
    }
}
