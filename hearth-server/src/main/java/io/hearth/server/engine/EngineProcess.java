package io.hearth.server.engine;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/** A launched engine's process, as far as the gateway can see and control it. */
public interface EngineProcess {
    /** The operating system's process id, when there is one. */
    OptionalLong pid();

    /** Completes with the exit code when the process ends. */
    CompletableFuture<Integer> onExit();

    /** Ends the process at once (SIGKILL for a real one). */
    void kill();
}
