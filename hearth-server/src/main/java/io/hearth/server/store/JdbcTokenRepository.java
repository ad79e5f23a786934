package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import io.hearth.server.auth.ApiToken;
import io.hearth.server.auth.TokenPage;
import io.hearth.server.auth.TokenRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** API tokens in the metadata store, over plain JDBC; only hashes of their secrets. */
public final class JdbcTokenRepository implements TokenRepository {
    private static final String COLUMNS =
            "id, owner, name, secret_sha256, groups_json, created_at, expires_at, last_used_at, revoked_at";
    private static final String INSERT = "INSERT INTO api_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?";
    private static final String REVOKE = "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
    private static final String MARK_USED =
            "UPDATE api_tokens SET last_used_at = ?" + " WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)";

    private final SqlRunner sql;
    private final StoreJson json = new StoreJson();

    public JdbcTokenRepository(DataSource dataSource) {
        this.sql = new SqlRunner(dataSource);
    }

    @Override
    public void insert(ApiToken token) {
        requireNonNull(token, "token is null");
        sql.update(INSERT, "insert token " + token.id(), insert -> {
            insert.setString(1, token.id());
            insert.setString(2, token.owner());
            insert.setString(3, token.name());
            insert.setString(4, token.secretSha256());
            insert.setString(5, json.writeGroups(token.groups()));
            insert.setLong(6, Micros.of(token.createdAt()));
            insert.setLong(7, Micros.of(token.expiresAt()));
            Columns.setInstant(insert, 8, token.lastUsedAt());
            Columns.setInstant(insert, 9, token.revokedAt());
        });
    }

    @Override
    public Optional<ApiToken> find(String tokenId) {
        requireNonNull(tokenId, "tokenId is null");
        return sql.queryFirst(FIND, "read token " + tokenId, select -> select.setString(1, tokenId), this::readRow);
    }

    @Override
    public List<ApiToken> list(String owner, Optional<TokenPage> page, int limit) {
        requireNonNull(owner, "owner is null");
        requireNonNull(page, "page is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        String list = "SELECT " + COLUMNS + " FROM api_tokens WHERE owner = ?" + (page.isPresent() ? Keyset.AFTER : "")
                + Keyset.NEWEST_FIRST;
        return sql.query(
                list,
                "list tokens",
                select -> {
                    int index = 1;
                    select.setString(index++, owner);
                    if (page.isPresent()) {
                        index = Keyset.bind(
                                select,
                                index,
                                page.get().createdAt(),
                                page.get().after());
                    }
                    select.setInt(index, limit);
                },
                this::readRow);
    }

    @Override
    public boolean revoke(String tokenId, Instant revokedAt) {
        requireNonNull(tokenId, "tokenId is null");
        requireNonNull(revokedAt, "revokedAt is null");
        return sql.update(REVOKE, "revoke token " + tokenId, update -> {
            update.setLong(1, Micros.of(revokedAt));
            update.setString(2, tokenId);
        });
    }

    @Override
    public boolean markUsed(String tokenId, Instant usedAt, Instant unlessUsedSince) {
        requireNonNull(tokenId, "tokenId is null");
        requireNonNull(usedAt, "usedAt is null");
        requireNonNull(unlessUsedSince, "unlessUsedSince is null");
        return sql.update(MARK_USED, "record the use of token " + tokenId, update -> {
            update.setLong(1, Micros.of(usedAt));
            update.setString(2, tokenId);
            update.setLong(3, Micros.of(unlessUsedSince));
        });
    }

    private ApiToken readRow(ResultSet rows) throws SQLException {
        String id = rows.getString("id");
        return new ApiToken(
                id,
                rows.getString("owner"),
                rows.getString("name"),
                rows.getString("secret_sha256"),
                json.readGroups(rows.getString("groups_json"), id),
                Micros.toInstant(rows.getLong("created_at")),
                Micros.toInstant(rows.getLong("expires_at")),
                Columns.getInstant(rows, "last_used_at"),
                Columns.getInstant(rows, "revoked_at"));
    }
}
