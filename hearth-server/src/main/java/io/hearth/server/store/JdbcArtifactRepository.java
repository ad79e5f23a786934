package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import io.hearth.server.artifact.Artifact;
import io.hearth.server.artifact.ArtifactPage;
import io.hearth.server.artifact.ArtifactRepository;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/** Artifact records in the metadata store, over plain JDBC. */
public final class JdbcArtifactRepository implements ArtifactRepository {
    private static final String COLUMNS = "id, owner, name, sha256, size_bytes, created_at";
    private static final String INSERT = "INSERT INTO artifacts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM artifacts WHERE id = ?";
    private static final String DELETE = "DELETE FROM artifacts WHERE id = ?";
    private static final String COUNT_BY_SHA256 = "SELECT COUNT(*) FROM artifacts WHERE sha256 = ?";

    private final SqlRunner sql;
    private final Function<String, Path> fileForSha256;

    /**
     * @param fileForSha256 where the jar with a SHA-256 lives (the files are not in the database)
     */
    public JdbcArtifactRepository(DataSource dataSource, Function<String, Path> fileForSha256) {
        this.sql = new SqlRunner(dataSource);
        this.fileForSha256 = requireNonNull(fileForSha256, "fileForSha256 is null");
    }

    @Override
    public void insert(Artifact artifact) {
        requireNonNull(artifact, "artifact is null");
        sql.update(INSERT, "insert artifact " + artifact.id(), insert -> {
            insert.setString(1, artifact.id());
            insert.setString(2, artifact.owner());
            insert.setString(3, artifact.name());
            insert.setString(4, artifact.sha256());
            insert.setLong(5, artifact.sizeBytes());
            insert.setLong(6, Micros.of(artifact.createdAt()));
        });
    }

    @Override
    public Optional<Artifact> find(String artifactId) {
        requireNonNull(artifactId, "artifactId is null");
        return sql.queryFirst(
                FIND, "read artifact " + artifactId, select -> select.setString(1, artifactId), this::readRow);
    }

    @Override
    public List<Artifact> list(Optional<String> owner, Optional<ArtifactPage> page, int limit) {
        requireNonNull(owner, "owner is null");
        requireNonNull(page, "page is null");
        return Keyset.ownersNewestFirst(
                sql,
                "artifacts",
                COLUMNS,
                owner,
                page.map(ArtifactPage::createdAt),
                page.map(start -> start.after()),
                limit,
                this::readRow);
    }

    @Override
    public boolean delete(String artifactId) {
        requireNonNull(artifactId, "artifactId is null");
        return sql.update(DELETE, "delete artifact " + artifactId, delete -> delete.setString(1, artifactId));
    }

    @Override
    public long countBySha256(String sha256) {
        requireNonNull(sha256, "sha256 is null");
        // COUNT(*) always answers one row.
        return sql.queryFirst(
                        COUNT_BY_SHA256,
                        "count artifacts",
                        select -> select.setString(1, sha256),
                        rows -> rows.getLong(1))
                .orElseThrow();
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
}
