package io.hearth.server.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every REST request an id: the caller's {@code X-Request-Id} when it is sane, else a new one.
 * It is echoed on the response (problems and health answers too) and sits in the MDC as {@code
 * request_id} while the request is handled, so log lines and the client's report can be matched.
 */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    static final String MDC_REQUEST_ID = "request_id";
    static final String MDC_USER = "user";
    /** When the request began ({@link System#nanoTime()}), for the latency timer. */
    static final String STARTED_ATTRIBUTE = "hearth.request.started-nanos";

    /** Short enough for a log line, and nothing a log or header could be forged with. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {}

    /** The first step of every request: its start time, its id on the response and in the MDC. */
    static void begin(Context ctx) {
        ctx.attribute(STARTED_ATTRIBUTE, System.nanoTime());
        String id = chooseId(ctx.header(HEADER));
        ctx.header(HEADER, id);
        // a Jetty thread served someone else before: nothing of theirs may stay in its MDC
        MDC.clear();
        MDC.put(MDC_REQUEST_ID, id);
    }

    /** The last step: the thread goes back to Jetty's pool clean. */
    static void end(Context ctx) {
        MDC.clear();
    }

    static String chooseId(String given) {
        if (given != null && SANE.matcher(given).matches()) {
            return given;
        }
        return UUID.randomUUID().toString();
    }
}
