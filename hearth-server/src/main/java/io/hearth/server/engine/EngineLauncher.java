package io.hearth.server.engine;

import java.io.IOException;

/** Starts an engine JVM that will register back to the gateway. */
public interface EngineLauncher {
    EngineProcess launch(EngineLaunch launch) throws IOException;
}
