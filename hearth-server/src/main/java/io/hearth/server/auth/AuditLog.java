package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one line per request on the logger {@code io.hearth.audit}, which the
 * distribution's logging configuration writes to a file of its own. Key/value pairs, so it reads
 * for people and parses for tools:
 *
 * <pre>
 * door=http user=alice remote=10.0.0.7 action="POST /v1/statements" resource=- outcome=allowed status=200
 * </pre>
 *
 * A failed login names the user it tried (never the password); values are quoted and escaped, so
 * a user name cannot forge a line.
 */
public final class AuditLog {
    /** The logger audit lines go to. */
    public static final String LOGGER = "io.hearth.audit";

    private static final Logger audit = LoggerFactory.getLogger(LOGGER);

    /** How a request ended, as far as access goes. */
    public enum Outcome {
        /** Authenticated and let through (whatever the answer then was). */
        ALLOWED,
        /** Authenticated but refused: 403, or 404 for work that is not the caller's. */
        DENIED,
        /** No, malformed or wrong credentials: 401. */
        UNAUTHENTICATED,
        /** Too many failed logins of this user or address lately: 429, credentials not checked. */
        RATE_LIMITED;

        String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One request.
     *
     * @param door the front door it came through ({@code http}, {@code jdbc}, {@code flight})
     * @param user who it acted as, or the user name a failed login tried; {@code -} when unknown
     * @param action what it asked for: for HTTP, the method and the route's path template
     * @param resource the id of the resource it acted on, {@code -} when none
     * @param remoteAddress where it came from
     * @param status the answer's status (the HTTP status for REST)
     */
    public record Entry(
            String door,
            String user,
            String action,
            String resource,
            String remoteAddress,
            Outcome outcome,
            int status) {
        public Entry {
            requireNonNull(door, "door is null");
            requireNonNull(user, "user is null");
            requireNonNull(action, "action is null");
            requireNonNull(resource, "resource is null");
            requireNonNull(remoteAddress, "remoteAddress is null");
            requireNonNull(outcome, "outcome is null");
        }
    }

    public void record(Entry entry) {
        if (!audit.isInfoEnabled()) {
            return;
        }
        audit.info(
                "door={} user={} remote={} action={} resource={} outcome={} status={}",
                value(entry.door()),
                value(entry.user()),
                value(entry.remoteAddress()),
                value(entry.action()),
                value(entry.resource()),
                entry.outcome().text(),
                entry.status());
    }

    /** Bare when plain, else quoted with quotes, backslashes and control characters escaped. */
    static String value(String text) {
        if (!text.isEmpty() && text.chars().allMatch(AuditLog::plain)) {
            return text;
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
            } else if (Character.getType(c) == Character.CONTROL
                    || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                quoted.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append('"').toString();
    }

    private static boolean plain(int c) {
        return c > 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '=';
    }
}
