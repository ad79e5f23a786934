package io.hearth.server.hs2;

import java.util.regex.Pattern;

/**
 * A JDBC search pattern ({@code DatabaseMetaData}): {@code %} any sequence, {@code _} any one
 * character, a backslash escapes the next character (the Hive driver's {@code
 * getSearchStringEscape}); null matches everything. Spark's {@code SHOW ... LIKE} speaks another
 * language ({@code *} and {@code |}), so names are listed whole and matched here, in Java: client
 * text never reaches the SQL. Matching ignores case, as Spark's identifiers do.
 */
final class JdbcPattern {
    private static final JdbcPattern ANY = new JdbcPattern(null);

    private final Pattern regex;

    private JdbcPattern(Pattern regex) {
        this.regex = regex;
    }

    static JdbcPattern of(String pattern) {
        if (pattern == null) {
            return ANY;
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '%' || c == '_') {
                appendLiteral(regex, literal);
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        appendLiteral(regex, literal);
        return new JdbcPattern(
                Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    /** Whether {@code name} matches; a null name matches only the pattern that matches everything. */
    boolean matches(String name) {
        if (regex == null) {
            return true;
        }
        return name != null && regex.matcher(name).matches();
    }

    /**
     * Whether this pattern takes in what has no schema (local temp views, built-in functions): it
     * is null, or matches the empty name, as {@code %} does.
     */
    boolean matchesNoSchema() {
        return regex == null || regex.matcher("").matches();
    }

    private static void appendLiteral(StringBuilder regex, StringBuilder literal) {
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }
}
