package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.api.ResultFormat;
import io.hearth.api.session.SessionCloseReason;
import io.hearth.api.session.SessionState;
import io.hearth.api.statement.StatementError;
import io.hearth.server.session.Session;
import io.hearth.server.session.SessionActivity;
import io.hearth.server.session.SessionId;
import io.hearth.server.session.SessionPage;
import io.hearth.server.statement.Statement;
import io.hearth.server.statement.StatementId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcSessionRepository} store must do, run against each database. */
abstract class SessionRepositoryContractTest extends RepositoryContractTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00.123456Z");

    private JdbcSessionRepository sessions;
    private JdbcStatementRepository statements;
    private int nextId;

    protected SessionRepositoryContractTest(ContractStore store) {
        super(store, "sessions", "statements");
    }

    @BeforeAll
    void createRepositories() {
        sessions = new JdbcSessionRepository(dataSource());
        statements = new JdbcStatementRepository(dataSource());
    }

    @Test
    void roundTripsEveryField() {
        Session opened = open("alice", "engine-1", T0);
        assertThat(sessions.find(opened.id())).contains(opened);
        assertThat(opened.conf()).containsEntry("spark.sql.shuffle.partitions", "4");

        Instant closedAt = T0.plusSeconds(5).plusNanos(7_000);
        assertThat(sessions.markClosed(opened.id(), SessionCloseReason.REQUESTED, closedAt))
                .isTrue();
        assertThat(sessions.find(opened.id()))
                .contains(new Session(
                        opened.id(),
                        "alice",
                        "default",
                        opened.conf(),
                        "engine-1",
                        SessionState.CLOSED,
                        T0,
                        T0,
                        closedAt,
                        SessionCloseReason.REQUESTED));
        assertThat(sessions.find(new SessionId("no-such-session"))).isEmpty();
    }

    @Test
    void closesOnlyOpenSessions() {
        Session opened = open("alice", "engine-1", T0);
        assertThat(sessions.markClosed(opened.id(), SessionCloseReason.IDLE, T0.plusSeconds(1)))
                .isTrue();
        assertThat(sessions.markClosed(opened.id(), SessionCloseReason.REQUESTED, T0.plusSeconds(2)))
                .isFalse();
        Session closed = sessions.find(opened.id()).orElseThrow();
        assertThat(closed.closeReason()).isEqualTo(SessionCloseReason.IDLE);
        assertThat(closed.closedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(sessions.touch(opened.id(), T0.plusSeconds(3))).isFalse();
    }

    @Test
    void touchMovesLastUseForwardOnly() {
        Session opened = open("alice", "engine-1", T0);
        assertThat(sessions.touch(opened.id(), T0.plusSeconds(10))).isTrue();
        assertThat(sessions.touch(opened.id(), T0.plusSeconds(5))).isTrue();
        assertThat(sessions.find(opened.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(sessions.touch(new SessionId("no-such-session"), T0)).isFalse();
    }

    @Test
    void listsAnOwnersSessionsNewestFirstInPages() {
        Session first = open("alice", "engine-1", T0);
        Session second = open("alice", "engine-1", T0.plusSeconds(1));
        Session third = open("alice", "engine-1", T0.plusSeconds(2));
        open("bob", "engine-1", T0.plusSeconds(3));

        List<Session> page = sessions.list(Optional.of("alice"), Optional.empty(), 2);
        assertThat(page).extracting(Session::id).containsExactly(third.id(), second.id());
        Session last = page.get(1);
        assertThat(sessions.list(Optional.of("alice"), Optional.of(new SessionPage(last.createdAt(), last.id())), 2))
                .extracting(Session::id)
                .containsExactly(first.id());
        assertThat(sessions.list(Optional.empty(), Optional.empty(), 10))
                .as("every owner's")
                .hasSize(4);
    }

    @Test
    void aSessionIsIdleOnlyWithoutRecentUseOrUnfinishedStatements() {
        Instant idleSince = T0.plus(Duration.ofHours(1));
        Session quiet = open("alice", "engine-1", T0);
        Session used = open("alice", "engine-1", T0);
        sessions.touch(used.id(), idleSince.plusSeconds(1));
        Session running = open("alice", "engine-1", T0);
        Statement unfinished = statementIn(running, T0);
        statements.markRunning(unfinished.id(), "engine-1", T0);
        Session finishedLately = open("alice", "engine-1", T0);
        Statement late = statementIn(finishedLately, T0);
        statements.markFailed(late.id(), new StatementError("X", "x", null), idleSince.plusSeconds(1));
        Session finishedLongAgo = open("alice", "engine-1", T0);
        Statement early = statementIn(finishedLongAgo, T0);
        statements.markCanceled(early.id(), T0.plusSeconds(1));

        assertThat(sessions.findIdle(idleSince, 10)).containsExactlyInAnyOrder(quiet.id(), finishedLongAgo.id());

        assertThat(sessions.markIdleClosed(running.id(), idleSince, idleSince)).isFalse();
        assertThat(sessions.markIdleClosed(used.id(), idleSince, idleSince)).isFalse();
        assertThat(sessions.markIdleClosed(quiet.id(), idleSince, idleSince)).isTrue();
        assertThat(sessions.markIdleClosed(quiet.id(), idleSince, idleSince)).isFalse();
        Session closed = sessions.find(quiet.id()).orElseThrow();
        assertThat(closed.state()).isEqualTo(SessionState.CLOSED);
        assertThat(closed.closeReason()).isEqualTo(SessionCloseReason.IDLE);
        assertThat(sessions.findIdle(idleSince, 10)).containsExactly(finishedLongAgo.id());
    }

    @Test
    void findsOpenSessionsByEngineAndAll() {
        Session a = open("alice", "engine-1", T0);
        Session b = open("bob", "engine-1", T0.plusSeconds(1));
        Session c = open("alice", "engine-2", T0.plusSeconds(2));
        sessions.markClosed(b.id(), SessionCloseReason.REQUESTED, T0.plusSeconds(3));

        assertThat(sessions.findOpenOnEngine("engine-1")).containsExactly(a.id());
        assertThat(sessions.findOpen()).containsExactly(a.id(), c.id());
    }

    @Test
    void countsASessionsStatements() {
        Session session = open("alice", "engine-1", T0);
        assertThat(sessions.activity(session.id())).isEqualTo(new SessionActivity(0, null));
        statementIn(session, T0);
        Statement last = statementIn(session, T0.plusSeconds(1));
        statementIn(open("alice", "engine-1", T0), T0.plusSeconds(2));

        assertThat(sessions.activity(session.id()))
                .isEqualTo(new SessionActivity(2, last.id().value()));
    }

    private Session open(String owner, String engineId, Instant at) {
        Session session = Session.opened(
                new SessionId("session-" + ++nextId),
                owner,
                "default",
                Map.of("spark.sql.shuffle.partitions", "4", "spark.sql.ansi.enabled", "true"),
                engineId,
                at);
        sessions.insert(session);
        return session;
    }

    private Statement statementIn(Session session, Instant at) {
        Statement statement = Statement.accepted(
                        new StatementId("statement-" + ++nextId),
                        session.owner(),
                        "select 1",
                        List.of(),
                        ResultFormat.JSON_ARRAY,
                        null,
                        null,
                        at)
                .withSession(session.id().value());
        return statements.insert(statement);
    }
}
