package io.hearth.cli;

import io.hearth.api.session.SessionList;
import io.hearth.api.session.SessionRequest;
import io.hearth.api.session.SessionResponse;
import io.hearth.client.HearthClient;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hearth session [list | open | show ID | close ID]}: sessions, whose state persists across statements. */
@Command(
        name = "session",
        mixinStandardHelpOptions = true,
        description = {
            "List your sessions (the default), open one, show one, or close one.",
            "Run SQL in a session with `hearth sql --session ID`: its temp views, current database and SQL conf"
                    + " persist across its statements."
        })
final class SessionCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Override
    public Integer call() {
        return list(20, null);
    }

    @Command(
            name = "open",
            mixinStandardHelpOptions = true,
            description = {"Open a session and print its id only, so that S=$(hearth session open) works."})
    int open(
            @Option(
                            names = "--conf",
                            paramLabel = "KEY=VALUE",
                            description = "Spark SQL conf for the session, e.g. --conf spark.sql.shuffle.partitions=4")
                    Map<String, String> conf) {
        try (HearthClient client = hearth.connect()) {
            SessionResponse session = client.sessions().open(new SessionRequest(null, conf));
            hearth.context().out().println(session.sessionId());
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List your sessions, newest first.")
    int list(
            @Option(
                            names = "--limit",
                            defaultValue = "20",
                            paramLabel = "N",
                            description = "at most N (default ${DEFAULT-VALUE})")
                    int limit,
            @Option(
                            names = "--page-token",
                            paramLabel = "TOKEN",
                            description = "continue where an earlier listing stopped")
                    String pageToken) {
        PrintStream out = hearth.context().out();
        try (HearthClient client = hearth.connect()) {
            SessionList page = client.sessions().list(limit, pageToken);
            // the close reason is last and often empty: no trailing blanks
            String format = "%-36s  %-6s  %-24s  %-27s  %-27s  %s";
            out.println(String.format(
                            format, "SESSION_ID", "STATE", "ENGINE_ID", "CREATED_AT", "LAST_USED_AT", "CLOSE_REASON")
                    .stripTrailing());
            for (SessionResponse session : page.sessions()) {
                out.println(String.format(
                                format,
                                session.sessionId(),
                                session.state(),
                                session.engineId() == null ? "" : session.engineId(),
                                session.createdAt(),
                                session.lastUsedAt() == null ? "" : session.lastUsedAt(),
                                session.closeReason() == null ? "" : session.closeReason())
                        .stripTrailing());
            }
            if (page.nextPageToken() != null) {
                out.println("(more: --page-token " + page.nextPageToken() + ")");
            }
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a session.")
    int show(@Parameters(paramLabel = "SESSION_ID", description = "the session") String sessionId) {
        try (HearthClient client = hearth.connect()) {
            SessionResponse session = client.sessions().find(sessionId);
            DetailLines lines = new DetailLines()
                    .add("session_id", session.sessionId())
                    .add("state", session.state())
                    .add("owner", session.owner())
                    .add("context", session.context())
                    .add("engine_id", session.engineId())
                    .add("created_at", session.createdAt())
                    .add("last_used_at", session.lastUsedAt())
                    .add("closed_at", session.closedAt())
                    .add("close_reason", session.closeReason())
                    .add("statement_count", session.statementCount())
                    .add("last_statement_id", session.lastStatementId());
            session.conf().forEach((key, value) -> lines.add("conf." + key, value));
            lines.print(hearth.context().out());
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(
            name = "close",
            mixinStandardHelpOptions = true,
            description = "Close a session, canceling its running and queued statements.")
    int close(@Parameters(paramLabel = "SESSION_ID", description = "the session") String sessionId) {
        try (HearthClient client = hearth.connect()) {
            SessionResponse session = client.sessions().close(sessionId);
            hearth.context().out().println(session.sessionId() + " " + session.state());
        }
        return ExitCode.SUCCESS.code();
    }
}
