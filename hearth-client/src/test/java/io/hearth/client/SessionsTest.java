package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.session.SessionCloseReason;
import io.hearth.api.session.SessionList;
import io.hearth.api.session.SessionRequest;
import io.hearth.api.session.SessionResponse;
import io.hearth.api.session.SessionState;
import io.hearth.api.statement.StatementRequest;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions through the SDK against a real gateway whose testing engine keeps set/get values per session. */
class SessionsTest {
    @TempDir
    Path dataDirectory;

    private TestingHearth hearth;
    private HearthClient client;

    @BeforeEach
    void start() throws IOException {
        hearth = TestingHearth.start(dataDirectory, Map.of());
        client = HearthClient.builder().server(hearth.uri("")).build();
    }

    @AfterEach
    void stop() {
        client.close();
        hearth.close();
    }

    @Test
    void statementsInASessionSeeItsStateAndOthersDoNot() {
        SessionResponse session =
                client.sessions().open(new SessionRequest(null, Map.of("spark.sql.shuffle.partitions", "4")));

        assertThat(session.state()).isEqualTo(SessionState.OPEN);
        assertThat(session.conf()).containsEntry("spark.sql.shuffle.partitions", "4");
        assertThat(session.engineId()).isNotBlank();
        run("set color=blue", session.sessionId());

        assertThat(value("get color", session.sessionId())).isEqualTo("blue");
        assertThat(value("get spark.sql.shuffle.partitions", session.sessionId()))
                .isEqualTo("4");
        assertThat(value("get color", null)).as("outside the session").isNull();
        SessionResponse found = client.sessions().find(session.sessionId());
        assertThat(found.statementCount()).isEqualTo(3);
        assertThat(found.lastStatementId()).isNotBlank();
    }

    @Test
    void listsPageByPageNewestFirst() {
        SessionResponse older = client.sessions().open();
        SessionResponse newer = client.sessions().open();

        SessionList first = client.sessions().list(1, null);
        SessionList second = client.sessions().list(1, first.nextPageToken());

        assertThat(first.sessions()).extracting(SessionResponse::sessionId).containsExactly(newer.sessionId());
        assertThat(first.nextPageToken()).isNotNull();
        assertThat(second.sessions()).extracting(SessionResponse::sessionId).containsExactly(older.sessionId());
        assertThat(second.nextPageToken()).isNull();
    }

    @Test
    void aClosedSessionRefusesStatementsWithATypedError() {
        String sessionId = client.sessions().open().sessionId();

        SessionResponse closed = client.sessions().close(sessionId);

        assertThat(closed.state()).isEqualTo(SessionState.CLOSED);
        assertThat(closed.closeReason()).isEqualTo(SessionCloseReason.REQUESTED);
        assertThat(client.sessions().close(sessionId).closedAt())
                .as("closing again changes nothing")
                .isEqualTo(closed.closedAt());
        assertThatThrownBy(() -> run("get color", sessionId)).isInstanceOfSatisfying(HearthClientException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.SESSION_CLOSED);
            assertThat(e.httpStatus()).isEqualTo(409);
        });
    }

    @Test
    void refusedConfAndUnknownSessionsAreTypedErrors() {
        assertThatThrownBy(
                        () -> client.sessions().open(new SessionRequest(null, Map.of("spark.executor.memory", "8g"))))
                .isInstanceOfSatisfying(HearthClientException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("conf");
                    assertThat(e.getMessage()).contains("spark.executor.memory");
                });
        assertThatThrownBy(() -> client.sessions().find("no-such-session"))
                .isInstanceOfSatisfying(
                        HearthClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    private void run(String sql, String sessionId) {
        client.statements().execute(new StatementRequest(sql, null, null, null, null, null, null, sessionId), null);
    }

    private Object value(String sql, String sessionId) {
        StatementRequest request = new StatementRequest(sql, null, null, null, null, null, null, sessionId);
        try (ResultRows rows = client.statements().rows(client.statements().execute(request, null))) {
            return rows.next().get("value");
        }
    }
}
