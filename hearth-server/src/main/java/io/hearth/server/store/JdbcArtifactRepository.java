package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.artifact.Artifact;
import io.hearth.server.artifact.ArtifactRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/** Artifact records in the metadata store, over plain JDBC. */
public final class JdbcArtifactRepository implements ArtifactRepository {
    private static final String COLUMNS = "id, owner, name, sha256, size_bytes, created_at";
    private static final String INSERT = "INSERT INTO artifacts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM artifacts WHERE id = ?";
    private static final String LIST =
            "SELECT " + COLUMNS + " FROM artifacts WHERE owner = ? ORDER BY created_at DESC, id DESC LIMIT ?";
    private static final String DELETE = "DELETE FROM artifacts WHERE id = ?";
    private static final String COUNT_BY_SHA256 = "SELECT COUNT(*) FROM artifacts WHERE sha256 = ?";

    private final DataSource dataSource;
    private final Function<String, Path> fileForSha256;

    /**
     * @param fileForSha256 where the jar with a SHA-256 lives (the files are not in the database)
     */
    public JdbcArtifactRepository(DataSource dataSource, Function<String, Path> fileForSha256) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.fileForSha256 = requireNonNull(fileForSha256, "fileForSha256 is null");
    }

    @Override
    public void insert(Artifact artifact) {
        requireNonNull(artifact, "artifact is null");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, artifact.id());
            insert.setString(2, artifact.owner());
            insert.setString(3, artifact.name());
            insert.setString(4, artifact.sha256());
            insert.setLong(5, artifact.sizeBytes());
            insert.setLong(6, Micros.of(artifact.createdAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw storeError("cannot insert artifact " + artifact.id(), e);
        }
    }

    @Override
    public Optional<Artifact> find(String artifactId) {
        requireNonNull(artifactId, "artifactId is null");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setString(1, artifactId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(readRow(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw storeError("cannot read artifact " + artifactId, e);
        }
    }

    @Override
    public List<Artifact> list(String owner, int limit) {
        requireNonNull(owner, "owner is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(LIST)) {
            select.setString(1, owner);
            select.setInt(2, limit);
            List<Artifact> artifacts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    artifacts.add(readRow(rows));
                }
            }
            return List.copyOf(artifacts);
        } catch (SQLException e) {
            throw storeError("cannot list artifacts", e);
        }
    }

    @Override
    public boolean delete(String artifactId) {
        requireNonNull(artifactId, "artifactId is null");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, artifactId);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw storeError("cannot delete artifact " + artifactId, e);
        }
    }

    @Override
    public long countBySha256(String sha256) {
        requireNonNull(sha256, "sha256 is null");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(COUNT_BY_SHA256)) {
            select.setString(1, sha256);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw storeError("cannot count artifacts", e);
        }
    }

    private Artifact readRow(ResultSet rows) throws SQLException {
        String sha256 = rows.getString("sha256");
        return new Artifact(
                rows.getString("id"),
                rows.getString("owner"),
                rows.getString("name"),
                sha256,
                rows.getLong("size_bytes"),
                fileForSha256.apply(sha256),
                Micros.toInstant(rows.getLong("created_at")));
    }

    private static HearthException storeError(String what, SQLException e) {
        return new HearthException(
                ErrorCode.STORE_UNAVAILABLE,
                "metadata store error: " + what + " (SQLSTATE " + e.getSQLState() + ")",
                e);
    }
}
