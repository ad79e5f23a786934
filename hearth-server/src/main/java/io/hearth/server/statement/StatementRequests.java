package io.hearth.server.statement;

import io.hearth.api.HearthException;
import io.hearth.api.statement.ResultSink;
import io.hearth.api.statement.StatementParameter;
import io.hearth.api.statement.StatementRequest;
import io.hearth.server.event.EventTargets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a statement request field by field, naming the field that is wrong. */
final class StatementRequests {
    static final int MAX_STATEMENT_LENGTH = 1024 * 1024;
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;
    private static final Pattern WAIT_TIMEOUT = Pattern.compile("(\\d{1,3})s");
    private static final Pattern TABLE_NAME =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}(\\.[A-Za-z_][A-Za-z0-9_]{0,127}){0,2}");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?");
    private static final Set<String> PARAMETER_TYPES = Set.of(
            "BOOLEAN",
            "TINYINT",
            "BYTE",
            "SMALLINT",
            "SHORT",
            "INT",
            "INTEGER",
            "BIGINT",
            "LONG",
            "FLOAT",
            "REAL",
            "DOUBLE",
            "STRING",
            "VARCHAR",
            "DATE",
            "TIMESTAMP",
            "TIMESTAMP_LTZ",
            "TIMESTAMP_NTZ",
            "BINARY");

    private StatementRequests() {}

    /** Validates the request and returns its wait timeout. */
    static Duration validate(StatementRequest request, EventTargets eventTargets, Duration defaultWaitTimeout) {
        if (request.statement() == null || request.statement().isBlank()) {
            throw HearthException.invalidField("statement", "statement is required and must not be blank");
        }
        if (request.statement().length() > MAX_STATEMENT_LENGTH) {
            throw HearthException.invalidField(
                    "statement", "statement is longer than " + MAX_STATEMENT_LENGTH + " characters");
        }
        if (request.sessionId() != null && request.sessionId().isBlank()) {
            throw HearthException.invalidField(
                    "session_id", "session_id must not be blank; leave it out to run outside a session");
        }
        validateParameters(request.parameters());
        eventTargets.validate(request.externalId(), request.callbackUrl());
        return validateOptions(request.waitTimeout(), request.rowLimit(), request.idempotencyKey(), defaultWaitTimeout);
    }

    /** Validates what statements and jobs share (row limit, idempotency key) and returns the wait timeout. */
    static Duration validateOptions(
            String waitTimeout, Long rowLimit, String idempotencyKey, Duration defaultWaitTimeout) {
        if (rowLimit != null && rowLimit < 1) {
            throw HearthException.invalidField("row_limit", "row_limit must be at least 1");
        }
        if (idempotencyKey != null
                && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw HearthException.invalidField(
                    "idempotency_key", "idempotency_key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        return waitTimeout == null ? defaultWaitTimeout : parseWaitTimeout(waitTimeout);
    }

    static Duration parseWaitTimeout(String text) {
        Matcher matcher = WAIT_TIMEOUT.matcher(text.trim());
        if (!matcher.matches()) {
            throw HearthException.invalidField(
                    "wait_timeout",
                    "wait_timeout must be seconds such as \"10s\": 0s, or 5s to 50s; got \"" + text + "\"");
        }
        Duration timeout = Duration.ofSeconds(Long.parseLong(matcher.group(1)));
        if (!isValidWaitTimeout(timeout)) {
            throw HearthException.invalidField(
                    "wait_timeout", "wait_timeout must be 0s, or between 5s and 50s; got \"" + text + "\"");
        }
        return timeout;
    }

    static boolean isValidWaitTimeout(Duration timeout) {
        long seconds = timeout.toSeconds();
        return timeout.isZero() || (seconds >= 5 && seconds <= 50 && timeout.toMillis() % 1000 == 0);
    }

    /**
     * A sink names exactly one of a catalog table and a configured JDBC target; table names are plain
     * (optionally qualified) identifiers, so they cannot smuggle SQL or options into the write.
     */
    static void validateSink(ResultSink sink, SinkConfig sinks) {
        if (sink == null) {
            return;
        }
        if ((sink.table() == null) == (sink.jdbc() == null)) {
            throw HearthException.invalidField(
                    "sink", "sink must name exactly one of \"table\" (a Spark catalog table) and \"jdbc\"");
        }
        if (sink.table() != null) {
            requireTableName("sink.table", sink.table());
            return;
        }
        String target = sink.jdbc().target();
        if (target == null || target.isBlank()) {
            throw HearthException.invalidField("sink.jdbc.target", "sink.jdbc.target names a configured JDBC target");
        }
        if (sinks.jdbcTarget(target).isEmpty()) {
            throw HearthException.invalidField(
                    "sink.jdbc.target",
                    "sink.jdbc.target \"" + target + "\" is not a configured JDBC target"
                            + (sinks.jdbcTargets().isEmpty()
                                    ? " (none is configured: sinks.jdbc.<name>.url)"
                                    : "; configured: "
                                            + String.join(
                                                    ", ",
                                                    sinks.jdbcTargets().keySet().stream()
                                                            .sorted()
                                                            .toList())));
        }
        requireTableName("sink.jdbc.table", sink.jdbc().table());
    }

    private static void requireTableName(String field, String name) {
        if (name == null || !TABLE_NAME.matcher(name).matches()) {
            throw HearthException.invalidField(
                    field,
                    field + " must be a table name such as \"daily\" or \"reports.daily\" (letters, digits and '_',"
                            + " at most three dot-separated parts)");
        }
    }

    private static void validateParameters(List<StatementParameter> parameters) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < parameters.size(); i++) {
            StatementParameter parameter = parameters.get(i);
            String field = "parameters[" + i + "]";
            if (parameter == null) {
                throw HearthException.invalidField(field, field + " must be an object");
            }
            if (parameter.name() == null
                    || !PARAMETER_NAME.matcher(parameter.name()).matches()) {
                throw HearthException.invalidField(
                        field + ".name", field + ".name must be a name like \"n\" or \"start_date\"");
            }
            if (!names.add(parameter.name())) {
                throw HearthException.invalidField(
                        field + ".name", "parameter \"" + parameter.name() + "\" is given twice");
            }
            if (parameter.type() != null && !isKnownType(parameter.type())) {
                throw HearthException.invalidField(
                        field + ".type",
                        "parameter \"" + parameter.name() + "\" has unknown type \"" + parameter.type()
                                + "\"; use one of "
                                + String.join(
                                        ", ", PARAMETER_TYPES.stream().sorted().toList())
                                + " or DECIMAL(p,s)");
            }
        }
    }

    private static boolean isKnownType(String type) {
        String normalized = type.trim().toUpperCase(Locale.ROOT);
        return PARAMETER_TYPES.contains(normalized)
                || DECIMAL.matcher(normalized).matches();
    }
}
