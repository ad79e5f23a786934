package io.hearth.server.statement;

import io.grpc.Context;
import io.hearth.api.statement.Progress;
import io.hearth.server.engine.EngineConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A statement being run on this gateway: where it runs, and whether it was asked to stop. */
final class Execution {
    private static final Logger log = LoggerFactory.getLogger(Execution.class);

    private final StatementId id;
    private EngineConnection connection;
    private Context.CancellableContext call;
    private boolean canceled;
    private volatile Progress progress;

    Execution(StatementId id) {
        this.id = id;
    }

    /** The statement is about to run on this engine, in this gRPC call context. */
    synchronized void attach(EngineConnection connection, Context.CancellableContext call) {
        this.connection = connection;
        this.call = call;
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

    /** The latest progress the engine reported, or null before any. */
    Progress progress() {
        return progress;
    }

    void progress(Progress latest) {
        this.progress = latest;
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
        boolean wasRunning = false;
        try {
            wasRunning = target.cancel(id.value());
        } catch (RuntimeException e) {
            log.warn("Could not cancel statement {} on engine {}: {}", id, target.engineId(), e.getMessage());
        }
        if (!wasRunning && call != null) {
            // the engine has not started it yet (or the cancel did not arrive): end the call itself,
            // which the engine treats as a cancel too, or never starts
            call.cancel(null);
        }
    }
}
