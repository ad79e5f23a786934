package io.hearth.api.engine;

import io.hearth.api.context.ShareLevel;
import java.time.Instant;

/**
 * An engine as {@code GET /v1/engines} shows it.
 *
 * @param engineId its id
 * @param state its state
 * @param pid the process id of its JVM, once started
 * @param shareKey its key, {@code context:SHARE_LEVEL:subject}; an unassigned warm engine has the
 *     subject {@code *}
 * @param context the context whose conf it was started with
 * @param shareLevel the context's share level
 * @param subject the user, group or session it serves ({@code null} while it is an unassigned warm
 *     engine; {@code *} at share level SERVER)
 * @param user the identity it runs as
 * @param startedAt when its launch began
 * @param lastUsedAt when a statement last ran on it
 * @param sparkUiUrl the address of its Spark UI, when it has one
 * @param runningStatements statements running on it now
 * @param maxConcurrent the most statements it runs at once (its load is running / max)
 * @param openSessions sessions open on it
 * @param error why it failed or was lost, if it did
 */
public record EngineInfo(
        String engineId,
        EngineState state,
        Long pid,
        String shareKey,
        String context,
        ShareLevel shareLevel,
        String subject,
        String user,
        Instant startedAt,
        Instant lastUsedAt,
        String sparkUiUrl,
        int runningStatements,
        int maxConcurrent,
        int openSessions,
        String error) {}
