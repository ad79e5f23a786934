package io.hearth.server.batch;

import java.io.IOException;

/** Starts a batch's Spark application as a process of its own. */
public interface BatchLauncher {
    /** Starts it; its output and errors go to the launch's log file. */
    Process launch(BatchLaunch launch) throws IOException;
}
