package io.hearth.server.flightsql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The named parameter markers ({@code :name}) of a SQL text, in the order they first appear,
 * skipping string literals, quoted identifiers, comments and {@code ::} casts. A prepared
 * statement's parameter schema has one field per name, so a client binding by position (JDBC's
 * {@code setString(1, ...)}) binds the first name.
 */
final class ParameterMarkers {
    private ParameterMarkers() {}

    static List<String> names(String sql) {
        Set<String> names = new LinkedHashSet<>();
        int length = sql.length();
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            } else if (c == ':' && i + 1 < length && sql.charAt(i + 1) == ':') {
                i += 2; // a cast, x::int
            } else if (c == ':' && i + 1 < length && isNameStart(sql.charAt(i + 1))) {
                int end = i + 2;
                while (end < length && isNamePart(sql.charAt(end))) {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                i = end;
            } else {
                i++;
            }
        }
        return new ArrayList<>(names);
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // a doubled quote stands for itself
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
