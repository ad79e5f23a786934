package io.hearth.api.engine;

import java.time.Instant;

/**
 * An engine as {@code GET /v1/engines} shows it.
 *
 * @param engineId its id
 * @param state its state
 * @param pid the process id of its JVM, once started
 * @param shareKey what it is shared by (for now {@code SERVER:default})
 * @param user the identity it runs as
 * @param startedAt when its launch began
 * @param lastUsedAt when a statement last ran on it
 * @param sparkUiUrl the address of its Spark UI, when it has one
 * @param runningStatements statements running on it now
 * @param error why it failed or was lost, if it did
 */
public record EngineInfo(
        String engineId,
        EngineState state,
        Long pid,
        String shareKey,
        String user,
        Instant startedAt,
        Instant lastUsedAt,
        String sparkUiUrl,
        int runningStatements,
        String error) {}
