package io.hearth.server.flightsql;

import static java.util.Objects.requireNonNull;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.protobuf.ByteString;
import io.hearth.api.statement.StatementParameter;
import io.hearth.server.auth.Principal;
import io.hearth.server.statement.Statement;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.apache.arrow.flight.CallStatus;

/**
 * The prepared statements clients hold, by opaque handle. A statement belongs to the user who
 * prepared it: anyone else's handle answers as a missing one. Forgotten after two hours unused.
 */
final class PreparedStatements {
    private final Cache<ByteString, Prepared> byHandle = CacheBuilder.newBuilder()
            .expireAfterAccess(Duration.ofHours(2))
            .maximumSize(100_000)
            .build();
    private final SecureRandom random = new SecureRandom();

    /** Keeps a statement and returns its new handle. */
    ByteString add(Prepared statement) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        ByteString handle = ByteString.copyFrom(bytes);
        byHandle.put(handle, statement);
        return handle;
    }

    Prepared find(Principal principal, ByteString handle) {
        Prepared statement = byHandle.getIfPresent(handle);
        if (statement == null || !statement.owner.equals(principal.name())) {
            throw CallStatus.NOT_FOUND
                    .withDescription("the prepared statement does not exist (closed or expired)")
                    .toRuntimeException();
        }
        return statement;
    }

    void close(Principal principal, ByteString handle) {
        find(principal, handle);
        byHandle.invalidate(handle);
    }

    void clear() {
        byHandle.invalidateAll();
    }

    /** A statement prepared by one user: its text and what was bound last. */
    static final class Prepared {
        final String owner;
        final String sql;
        volatile List<StatementParameter> bound = List.of();
        /** The run done when it was prepared, read by its first execution. */
        private Statement firstRun;

        Prepared(String owner, String sql) {
            this.owner = requireNonNull(owner, "owner is null");
            this.sql = requireNonNull(sql, "sql is null");
        }

        synchronized void ranWhenPrepared(Statement run) {
            firstRun = run;
        }

        synchronized Statement takeFirstRun() {
            Statement run = firstRun;
            firstRun = null;
            return run;
        }
    }
}
