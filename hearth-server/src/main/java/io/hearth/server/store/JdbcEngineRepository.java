package io.hearth.server.store;

import static io.hearth.server.store.Columns.getInstant;
import static io.hearth.server.store.Columns.getLong;
import static io.hearth.server.store.Columns.readEnum;
import static io.hearth.server.store.Columns.setLong;
import static java.util.Objects.requireNonNull;

import io.hearth.api.engine.EngineState;
import io.hearth.server.engine.EngineRecord;
import io.hearth.server.engine.EngineRepository;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Engines in the metadata store, over plain JDBC. Ending one is {@code UPDATE ... WHERE state NOT
 * IN (final states)}: an engine ends once.
 */
public final class JdbcEngineRepository implements EngineRepository {
    private static final String COLUMNS =
            "id, secret, share_key, engine_user, pid, host, port, state, started_at, log_file";
    private static final String INSERT = "INSERT INTO engines (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LIVE = "state NOT IN ('STOPPED', 'FAILED', 'LOST')";
    private static final String REGISTERED =
            "UPDATE engines SET host = ?, port = ?, pid = ?, state = 'IDLE' WHERE id = ? AND " + LIVE;
    private static final String ASSIGNED = "UPDATE engines SET share_key = ? WHERE id = ? AND " + LIVE;
    private static final String ENDED =
            "UPDATE engines SET state = ?, error = ?, ended_at = ? WHERE id = ? AND " + LIVE;
    private static final String FIND_LIVE =
            "SELECT " + COLUMNS + " FROM engines WHERE " + LIVE + " ORDER BY started_at, id";

    private final SqlRunner sql;

    public JdbcEngineRepository(DataSource dataSource) {
        this.sql = new SqlRunner(dataSource);
    }

    @Override
    public void insert(EngineRecord engine) {
        requireNonNull(engine, "engine is null");
        sql.update(INSERT, "insert engine " + engine.engineId(), insert -> {
            insert.setString(1, engine.engineId());
            insert.setString(2, engine.secret());
            insert.setString(3, engine.shareKey());
            insert.setString(4, engine.user());
            setLong(insert, 5, engine.pid());
            insert.setString(6, engine.host());
            insert.setInt(7, engine.port());
            insert.setString(8, engine.state().name());
            insert.setLong(9, Micros.of(engine.startedAt()));
            insert.setString(10, engine.logFile().toString());
        });
    }

    @Override
    public void registered(String engineId, String host, int port, long pid) {
        sql.update(REGISTERED, "record the registration of engine " + engineId, update -> {
            update.setString(1, host);
            update.setInt(2, port);
            setLong(update, 3, pid > 0 ? pid : null);
            update.setString(4, engineId);
        });
    }

    @Override
    public void assigned(String engineId, String shareKey) {
        sql.update(ASSIGNED, "record the key of engine " + engineId, update -> {
            update.setString(1, shareKey);
            update.setString(2, engineId);
        });
    }

    @Override
    public void ended(String engineId, EngineState state, String reason, Instant at) {
        sql.update(ENDED, "record the end of engine " + engineId, update -> {
            update.setString(1, state.name());
            update.setString(2, reason);
            update.setLong(3, Micros.of(at));
            update.setString(4, engineId);
        });
    }

    @Override
    public List<EngineRecord> findLive() {
        return sql.query(FIND_LIVE, "find live engines", SqlRunner.Binder.NONE, JdbcEngineRepository::readRow);
    }

    private static EngineRecord readRow(ResultSet rows) throws SQLException {
        String id = rows.getString("id");
        return new EngineRecord(
                id,
                rows.getString("secret"),
                rows.getString("share_key"),
                rows.getString("engine_user"),
                getLong(rows, "pid"),
                rows.getString("host"),
                rows.getInt("port"),
                readEnum(EngineState.class, rows.getString("state"), "engine " + id),
                getInstant(rows, "started_at"),
                Path.of(rows.getString("log_file")));
    }
}
