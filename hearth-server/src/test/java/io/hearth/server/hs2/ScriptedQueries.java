package io.hearth.server.hs2;

import io.hearth.api.statement.StatementError;
import io.hearth.server.auth.Principal;
import io.hearth.server.session.SessionId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers SQL texts from a script and records what was asked; a text not in the script fails the
 * test, so a test also pins which SQL a metadata call runs.
 */
final class ScriptedQueries implements SessionQueries {
    record Asked(Principal principal, SessionId session, String sql) {}

    private final Map<String, List<List<Object>>> answers = new HashMap<>();
    private final Map<String, StatementError> failures = new HashMap<>();
    private final List<Asked> asked = new ArrayList<>();

    /** Answers {@code sql} with rows, each given as its values. */
    ScriptedQueries answer(String sql, Object[]... rows) {
        List<List<Object>> copy = new ArrayList<>();
        for (Object[] row : rows) {
            copy.add(Arrays.asList(row));
        }
        answers.put(sql, copy);
        return this;
    }

    /** Fails {@code sql} with Spark's condition and SQLSTATE. */
    ScriptedQueries fail(String sql, String condition, String sqlState) {
        failures.put(sql, new StatementError(condition, "[" + condition + "] scripted failure", sqlState));
        return this;
    }

    List<Asked> asked() {
        return List.copyOf(asked);
    }

    List<String> sqlAsked() {
        return asked.stream().map(Asked::sql).toList();
    }

    @Override
    public List<List<Object>> run(Principal principal, SessionId session, String sql) {
        asked.add(new Asked(principal, session, sql));
        StatementError failure = failures.get(sql);
        if (failure != null) {
            throw new QueryFailedException(failure);
        }
        List<List<Object>> rows = answers.get(sql);
        if (rows == null) {
            throw new AssertionError("unscripted SQL: " + sql);
        }
        return rows;
    }

    static Object[] row(Object... values) {
        return values;
    }
}
