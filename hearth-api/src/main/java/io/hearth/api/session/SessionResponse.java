package io.hearth.api.session;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A session as {@code POST /v1/sessions}, {@code GET /v1/sessions/{id}} and {@code DELETE
 * /v1/sessions/{id}} answer it.
 *
 * @param sessionId its id, for a statement's {@code session_id}
 * @param owner who opened it (only they can use it)
 * @param state OPEN or CLOSED
 * @param context the engine configuration it was opened on
 * @param conf the Spark SQL conf it was opened with
 * @param engineId the engine its SparkSession lives on; its statements run there
 * @param createdAt when it was opened
 * @param lastUsedAt when a statement was last submitted to it or finished in it
 * @param closedAt when it was closed, or null while OPEN
 * @param closeReason why it was closed, or null while OPEN
 * @param statementCount how many statements were submitted to it (null in lists)
 * @param lastStatementId the statement submitted to it last, or null (always null in lists)
 */
public record SessionResponse(
        String sessionId,
        String owner,
        SessionState state,
        String context,
        Map<String, String> conf,
        String engineId,
        Instant createdAt,
        Instant lastUsedAt,
        Instant closedAt,
        SessionCloseReason closeReason,
        Long statementCount,
        String lastStatementId) {

    public SessionResponse {
        // sorted, so the answer reads the same every time
        conf = Collections.unmodifiableMap(new TreeMap<>(conf));
    }
}
