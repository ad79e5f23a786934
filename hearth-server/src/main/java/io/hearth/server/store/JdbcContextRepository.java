package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import io.hearth.api.context.ContextAcl;
import io.hearth.api.context.ContextRequest;
import io.hearth.server.context.ContextRepository;
import io.hearth.server.context.StoredContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Contexts in the metadata store, their definition as a JSON column and their ACL as two more. */
public final class JdbcContextRepository implements ContextRepository {
    private static final String COLUMNS = "name, spec_json, created_by, created_at, updated_at, use_acl, manage_acl";
    private static final String INSERT = "INSERT INTO contexts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM contexts WHERE name = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM contexts ORDER BY name";
    private static final String REPLACE =
            "UPDATE contexts SET spec_json = ?, updated_at = ?, use_acl = ?, manage_acl = ? WHERE name = ?";
    private static final String DELETE = "DELETE FROM contexts WHERE name = ?";

    private final SqlRunner sql;
    private final StoreJson json = new StoreJson();

    public JdbcContextRepository(DataSource dataSource) {
        this.sql = new SqlRunner(dataSource);
    }

    @Override
    public boolean insert(StoredContext context) {
        requireNonNull(context, "context is null");
        return sql.insertIfAbsent(INSERT, "insert context " + context.name(), insert -> {
            insert.setString(1, context.name());
            insert.setString(2, json.writeContext(context.spec()));
            insert.setString(3, context.createdBy());
            insert.setLong(4, Micros.of(context.createdAt()));
            insert.setLong(5, Micros.of(context.updatedAt()));
            insert.setString(6, json.writeAclEntries(context.acl().use()));
            insert.setString(7, json.writeAclEntries(context.acl().manage()));
        });
    }

    @Override
    public Optional<StoredContext> find(String name) {
        return sql.queryFirst(FIND, "read context " + name, select -> select.setString(1, name), this::context);
    }

    @Override
    public List<StoredContext> list() {
        return sql.query(LIST, "list contexts", select -> {}, this::context);
    }

    @Override
    public boolean replace(String name, ContextRequest spec, ContextAcl acl, Instant updatedAt) {
        requireNonNull(acl, "acl is null");
        return sql.update(REPLACE, "replace context " + name, update -> {
            update.setString(1, json.writeContext(spec.withAcl(null)));
            update.setLong(2, Micros.of(updatedAt));
            update.setString(3, acl.use() == null ? null : json.writeAclEntries(acl.use()));
            update.setString(4, acl.manage() == null ? null : json.writeAclEntries(acl.manage()));
            update.setString(5, name);
        });
    }

    @Override
    public boolean delete(String name) {
        return sql.update(DELETE, "delete context " + name, delete -> delete.setString(1, name));
    }

    private StoredContext context(ResultSet rows) throws SQLException {
        String name = rows.getString("name");
        return new StoredContext(
                name,
                json.readContext(rows.getString("spec_json"), name),
                rows.getString("created_by"),
                Micros.toInstant(rows.getLong("created_at")),
                Micros.toInstant(rows.getLong("updated_at")),
                new ContextAcl(
                        json.readAclEntries(rows.getString("use_acl"), name),
                        json.readAclEntries(rows.getString("manage_acl"), name)));
    }
}
