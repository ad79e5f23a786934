package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.MoreExecutors;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One lane per session: the statements of a session run one at a time, in the order they were
 * accepted, on the shared runner threads (a statement waiting in its lane holds no thread). The
 * engine would run them concurrently otherwise, and a session's statements depend on each other
 * (a temp view, then a query of it). A lane is forgotten once nothing is in it.
 */
final class SessionLanes {
    private final Executor executor;
    private final Map<String, Lane> lanes = new HashMap<>();

    SessionLanes(Executor executor) {
        this.executor = requireNonNull(executor, "executor is null");
    }

    /**
     * Accepts work for a session: {@code accept} runs while no other work of the same session is
     * being accepted, so the order of acceptance is the order of the lane, and what it gives to
     * the executor it receives runs after everything the session accepted before.
     */
    <T> T accept(String sessionId, Function<Executor, T> accept) {
        Lane lane = join(sessionId);
        try {
            synchronized (lane) {
                return accept.apply(task -> {
                    enter(lane);
                    try {
                        lane.serial.execute(() -> {
                            try {
                                task.run();
                            } finally {
                                leave(lane);
                            }
                        });
                    } catch (RuntimeException e) {
                        leave(lane);
                        throw e;
                    }
                });
            }
        } finally {
            leave(lane);
        }
    }

    /** Sessions with work queued, running or being accepted. */
    synchronized int activeLanes() {
        return lanes.size();
    }

    private synchronized Lane join(String sessionId) {
        Lane lane = lanes.computeIfAbsent(sessionId, id -> new Lane(id, MoreExecutors.newSequentialExecutor(executor)));
        lane.users++;
        return lane;
    }

    private synchronized void enter(Lane lane) {
        lane.users++;
    }

    private synchronized void leave(Lane lane) {
        if (--lane.users == 0) {
            lanes.remove(lane.sessionId, lane);
        }
    }

    /** A session's serial executor and how many acceptors and tasks use it (guarded by the lanes). */
    private static final class Lane {
        private final String sessionId;
        private final Executor serial;
        private int users;

        Lane(String sessionId, Executor serial) {
            this.sessionId = sessionId;
            this.serial = serial;
        }
    }
}
