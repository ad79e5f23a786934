package io.hearth.server.http;

import static java.util.Objects.requireNonNull;

import io.hearth.server.auth.AuditLog;
import io.hearth.server.auth.Principal;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes the audit line of each REST request once it is answered. */
final class HttpAudit {
    /** The user name a refused login tried, set by the authentication step. */
    static final String ATTEMPTED_USER_ATTRIBUTE = "hearth.audit.attempted-user";
    /** Set when the login limit, not a quota, answered 429. */
    static final String RATE_LIMITED_ATTRIBUTE = "hearth.audit.rate-limited";

    private static final Pattern PATH_PARAMETER = Pattern.compile("[{<]([^}>]+)[}>]");

    private final AuditLog audit;

    HttpAudit(AuditLog audit) {
        this.audit = requireNonNull(audit, "audit is null");
    }

    void record(Context ctx) {
        if (HttpServer.isOpen(ctx.path())) {
            // probes every few seconds would drown the trail; they carry no one's data
            return;
        }
        Principal principal = ctx.attribute(Requests.PRINCIPAL_ATTRIBUTE);
        String attempted = ctx.attribute(ATTEMPTED_USER_ATTRIBUTE);
        String user = principal != null ? principal.name() : attempted != null ? attempted : "-";
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        // unauthenticated requests never reach routing: their raw path is what they asked for
        String action = ctx.method().name() + " " + (endpoint == null ? ctx.path() : endpoint.path);
        audit.record(new AuditLog.Entry(
                "http", user, action, resource(ctx, endpoint), ctx.ip(), outcome(ctx, principal), ctx.statusCode()));
    }

    private static String resource(Context ctx, Endpoint endpoint) {
        if (endpoint == null) {
            return "-";
        }
        // the first path parameter names the resource (/v1/statements/{statement_id}/result/{chunk})
        Matcher parameter = PATH_PARAMETER.matcher(endpoint.path);
        if (!parameter.find()) {
            return "-";
        }
        String value = ctx.pathParamMap().get(parameter.group(1));
        return value == null ? "-" : value;
    }

    private static AuditLog.Outcome outcome(Context ctx, Principal principal) {
        if (Boolean.TRUE.equals(ctx.attribute(RATE_LIMITED_ATTRIBUTE))) {
            return AuditLog.Outcome.RATE_LIMITED;
        }
        int status = ctx.statusCode();
        if (principal == null || status == 401) {
            return AuditLog.Outcome.UNAUTHENTICATED;
        }
        if (status == 403 || (status == 404 && ctx.endpoints().matchedHttpEndpoint() != null)) {
            return AuditLog.Outcome.DENIED;
        }
        return AuditLog.Outcome.ALLOWED;
    }
}
