package io.hearth.server.engine;

import io.hearth.server.auth.Principal;

/**
 * Chooses the engine work runs on: by its context's share level, from the engines already serving
 * its key, a warm one, or a new one, in a fair admission queue when capacity is short.
 */
public interface EngineSelector {
    /**
     * A place in the admission queue for work about to be accepted, held until the work has its
     * engine (or ends).
     *
     * @throws io.hearth.api.HearthException TOO_MANY_REQUESTS with a retry-after when the queue is
     *     full, overall or for this user
     */
    Admission admit(Principal principal);

    /**
     * A ready engine for this request. Blocks while it waits in the queue and while an engine
     * starts, up to the context's start timeout.
     *
     * @throws io.hearth.api.HearthException NOT_FOUND for an unknown context, ENGINE_START_FAILED
     *     with the engine's own error, or ENGINE_UNAVAILABLE when none became ready in time (saying
     *     which limit held it back)
     */
    EngineLease acquire(EngineRequest request) throws InterruptedException;

    /**
     * The engine of this id, for work bound to it (a session's statements). Never starts one.
     *
     * @throws io.hearth.api.HearthException ENGINE_LOST when the engine ended or is unknown
     */
    EngineLease acquireEngine(String engineId);

    /**
     * The name of an existing context the principal may use, for a request that names one (default
     * when null).
     *
     * @throws io.hearth.api.HearthException INVALID_PARAMETER_VALUE about the field {@code context}
     *     when there is no such context, or the principal may not use it (the same answer), or,
     *     impersonating, its share level cannot serve the principal (a GROUP-level context for a
     *     group without a Hadoop user)
     */
    String checkContext(Principal principal, String name);

    /** A session held with {@link EngineLease#holdForSession} closed. */
    void sessionClosed(String engineId);
}
