package io.hearth.server.statement;

import io.hearth.server.engine.EngineConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A statement being run on this gateway: where it runs, and whether it was asked to stop. */
final class Execution {
    private static final Logger log = LoggerFactory.getLogger(Execution.class);

    private final StatementId id;
    private EngineConnection connection;
    private boolean canceled;

    Execution(StatementId id) {
        this.id = id;
    }

    synchronized void attach(EngineConnection connection) {
        this.connection = connection;
        if (canceled) {
            cancelOnEngine(connection);
        }
    }

    synchronized void cancel() {
        canceled = true;
        if (connection != null) {
            cancelOnEngine(connection);
        }
    }

    synchronized boolean isCanceled() {
        return canceled;
    }

    /** Stops the engine's work without calling it a cancel of the statement. */
    synchronized void cancelQuietly() {
        if (connection != null) {
            cancelOnEngine(connection);
        }
    }

    private void cancelOnEngine(EngineConnection target) {
        try {
            target.cancel(id.value());
        } catch (RuntimeException e) {
            log.warn("Could not cancel statement {} on engine {}: {}", id, target.engineId(), e.getMessage());
        }
    }
}
