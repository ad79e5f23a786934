package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.job.FunctionRepository;
import io.hearth.server.job.JobFunction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Functions in the metadata store, over plain JDBC; the primary key keeps names unique per owner. */
public final class JdbcFunctionRepository implements FunctionRepository {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS =
            "owner, name, artifact_id, class_name, context, parameters_schema_json, result_type, created_at";
    private static final String INSERT = "INSERT INTO functions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM functions WHERE owner = ? AND name = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM functions WHERE owner = ? ORDER BY name";
    private static final String DELETE = "DELETE FROM functions WHERE owner = ? AND name = ?";
    private static final String USING_ARTIFACT = "SELECT name FROM functions WHERE artifact_id = ? ORDER BY name";

    private final DataSource dataSource;

    public JdbcFunctionRepository(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public boolean insert(JobFunction function) {
        requireNonNull(function, "function is null");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, function.owner());
            insert.setString(2, function.name());
            insert.setString(3, function.artifactId());
            insert.setString(4, function.className());
            insert.setString(5, function.context());
            insert.setString(6, function.parametersSchemaJson());
            insert.setString(7, function.resultType());
            insert.setLong(8, Micros.of(function.createdAt()));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw storeError("cannot insert function " + function.name(), e);
        }
    }

    @Override
    public Optional<JobFunction> find(String owner, String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setString(1, owner);
            select.setString(2, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(function(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw storeError("cannot read function " + name, e);
        }
    }

    @Override
    public List<JobFunction> list(String owner) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(LIST)) {
            select.setString(1, owner);
            List<JobFunction> functions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    functions.add(function(rows));
                }
            }
            return functions;
        } catch (SQLException e) {
            throw storeError("cannot list functions", e);
        }
    }

    @Override
    public boolean delete(String owner, String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, owner);
            delete.setString(2, name);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw storeError("cannot delete function " + name, e);
        }
    }

    @Override
    public List<String> namesUsingArtifact(String artifactId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(USING_ARTIFACT)) {
            select.setString(1, artifactId);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw storeError("cannot find the functions of artifact " + artifactId, e);
        }
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

    private static HearthException storeError(String what, SQLException e) {
        return new HearthException(
                ErrorCode.STORE_UNAVAILABLE,
                "metadata store error: " + what + " (SQLSTATE " + e.getSQLState() + ")",
                e);
    }
}
