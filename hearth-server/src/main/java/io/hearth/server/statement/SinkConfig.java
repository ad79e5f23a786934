package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The JDBC databases statements may write their results to ({@code sinks.jdbc.<name>.*}). A
 * request names a target; its URL and credentials stay here and go only to the engine that
 * writes, over its authenticated channel.
 *
 * @param jdbcTargets the targets by name
 */
public record SinkConfig(Map<String, JdbcTarget> jdbcTargets) {
    public static final SinkConfig NONE = new SinkConfig(Map.of());
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    public SinkConfig {
        jdbcTargets = Map.copyOf(jdbcTargets);
    }

    Optional<JdbcTarget> jdbcTarget(String name) {
        return Optional.ofNullable(jdbcTargets.get(name));
    }

    /**
     * One JDBC database ({@code sinks.jdbc.<name>.url}, {@code .user}, {@code .password}, {@code
     * .driver}).
     *
     * @param driver the driver class, or empty when the URL finds it (PostgreSQL's does)
     */
    public record JdbcTarget(String name, String url, String user, String password, String driver) {
        public JdbcTarget {
            requireNonNull(name, "name is null");
            requireNonNull(url, "url is null");
            user = user == null ? "" : user;
            password = password == null ? "" : password;
            driver = driver == null ? "" : driver;
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("sinks.jdbc." + name
                        + ": a target's name is a letter, then letters, digits, '_' or '-' (at most 64)");
            }
            if (!url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("sinks.jdbc." + name + ".url must be a jdbc: URL");
            }
        }

        @Override
        public String toString() {
            return "JdbcTarget[name=" + name + ", url=" + url + ", user=" + user + ", password=***, driver=" + driver
                    + "]";
        }
    }
}
