package io.hearth.api.spi;

/** Writes lines to a job's log, which the REST API serves; the engine's own log gets them too. */
public interface JobLogger {
    void info(String message);

    void warn(String message);

    void error(String message);
}
