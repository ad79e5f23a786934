package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import io.hearth.server.job.FunctionRepository;
import io.hearth.server.job.JobFunction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Functions in the metadata store, over plain JDBC; the primary key keeps names unique per owner. */
public final class JdbcFunctionRepository implements FunctionRepository {
    private static final String COLUMNS =
            "owner, name, artifact_id, class_name, context, parameters_schema_json, result_type, created_at";
    private static final String INSERT = "INSERT INTO functions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM functions WHERE owner = ? AND name = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM functions WHERE owner = ? ORDER BY name";
    private static final String LIST_ALL = "SELECT " + COLUMNS + " FROM functions ORDER BY name, owner";
    private static final String DELETE = "DELETE FROM functions WHERE owner = ? AND name = ?";
    private static final String USING_ARTIFACT = "SELECT name FROM functions WHERE artifact_id = ? ORDER BY name";

    private final SqlRunner sql;

    public JdbcFunctionRepository(DataSource dataSource) {
        this.sql = new SqlRunner(dataSource);
    }

    @Override
    public boolean insert(JobFunction function) {
        requireNonNull(function, "function is null");
        return sql.insertIfAbsent(INSERT, "insert function " + function.name(), insert -> {
            insert.setString(1, function.owner());
            insert.setString(2, function.name());
            insert.setString(3, function.artifactId());
            insert.setString(4, function.className());
            insert.setString(5, function.context());
            insert.setString(6, function.parametersSchemaJson());
            insert.setString(7, function.resultType());
            insert.setLong(8, Micros.of(function.createdAt()));
        });
    }

    @Override
    public Optional<JobFunction> find(String owner, String name) {
        return sql.queryFirst(
                FIND,
                "read function " + name,
                select -> {
                    select.setString(1, owner);
                    select.setString(2, name);
                },
                JdbcFunctionRepository::function);
    }

    @Override
    public List<JobFunction> list(Optional<String> owner) {
        if (owner.isEmpty()) {
            return sql.query(LIST_ALL, "list functions", select -> {}, JdbcFunctionRepository::function);
        }
        return sql.query(
                LIST, "list functions", select -> select.setString(1, owner.get()), JdbcFunctionRepository::function);
    }

    @Override
    public boolean delete(String owner, String name) {
        // The primary key (owner, name) matches one row at most.
        return sql.update(DELETE, "delete function " + name, delete -> {
            delete.setString(1, owner);
            delete.setString(2, name);
        });
    }

    @Override
    public List<String> namesUsingArtifact(String artifactId) {
        return sql.query(
                USING_ARTIFACT,
                "find the functions of artifact " + artifactId,
                select -> select.setString(1, artifactId),
                rows -> rows.getString(1));
    }

    private static JobFunction function(ResultSet rows) throws SQLException {
        return new JobFunction(
                rows.getString("owner"),
                rows.getString("name"),
                rows.getString("artifact_id"),
                rows.getString("class_name"),
                rows.getString("context"),
                rows.getString("parameters_schema_json"),
                rows.getString("result_type"),
                Micros.toInstant(rows.getLong("created_at")));
    }
}
