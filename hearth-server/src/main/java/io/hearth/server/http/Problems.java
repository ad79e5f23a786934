package io.hearth.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.ErrorCode;
import io.hearth.api.FieldError;
import io.hearth.api.HearthException;
import io.hearth.api.Problem;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/** Writes RFC 9457 problem details; the only place REST errors are rendered. */
final class Problems {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Problems.class);
    static final String CONTENT_TYPE = "application/problem+json";

    private final ObjectMapper mapper;

    Problems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void write(Context ctx, HearthException e) {
        write(ctx, e.errorCode(), e.getMessage(), e.field(), e.fieldErrors());
        // whole seconds, at least one (RFC 9110 delay-seconds)
        e.retryAfter()
                .ifPresent(delay ->
                        ctx.header("Retry-After", Long.toString(Math.max(1, (delay.toMillis() + 999) / 1000))));
    }

    void write(Context ctx, ErrorCode code, String detail, String field) {
        write(ctx, code, detail, field, List.of());
    }

    private void write(Context ctx, ErrorCode code, String detail, String field, List<FieldError> errors) {
        if (ctx.res().isCommitted()) {
            // the answer has begun: it cannot become a problem any more; break it off instead
            log.warn("{} {} failed after its answer began: {}", ctx.method(), ctx.path(), detail);
            throw new IllegalStateException("response already committed: " + detail);
        }
        Problem problem = new Problem(
                "urn:hearth:error:" + code.name().toLowerCase(Locale.ROOT),
                title(code),
                code.httpStatus(),
                detail,
                ctx.path(),
                code.name(),
                field,
                errors.isEmpty() ? null : errors);
        ctx.status(code.httpStatus());
        ctx.contentType(CONTENT_TYPE);
        try {
            ctx.result(mapper.writeValueAsBytes(problem));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String title(ErrorCode code) {
        String words = code.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
