package io.hearth.server.engine;

import io.hearth.server.auth.Principal;

/**
 * Chooses the engine a principal's work runs on, starting one when needed. One shared engine for
 * now; share levels and pools plug in here.
 */
public interface EngineSelector {
    /**
     * A ready engine for this principal. Blocks while an engine starts.
     *
     * @throws io.hearth.api.HearthException ENGINE_START_FAILED with the engine's own error, or
     *     ENGINE_UNAVAILABLE when none became ready in time
     */
    EngineLease acquire(Principal principal) throws InterruptedException;

    /**
     * The engine of this id, for work bound to it (a session's statements). Never starts one.
     *
     * @throws io.hearth.api.HearthException ENGINE_LOST when the engine ended or is unknown
     */
    EngineLease acquireEngine(String engineId);
}
