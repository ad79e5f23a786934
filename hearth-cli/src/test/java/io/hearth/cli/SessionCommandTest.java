package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.TestingCli.Run;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth session} through main, against a gateway whose testing engine keeps set/get values per session. */
class SessionCommandTest {
    @TempDir
    Path dataDirectory;

    private TestingHearth hearth;
    private TestingCli cli;

    @BeforeEach
    void start() throws IOException {
        hearth = TestingHearth.start(dataDirectory, Map.of());
        cli = new TestingCli(hearth.uri(""));
    }

    @AfterEach
    void stop() {
        hearth.close();
    }

    @Test
    void openPrintsOnlyTheIdAndSqlInTheSessionSeesItsState() {
        Run open = cli.run("session", "open", "--conf", "spark.sql.shuffle.partitions=4");
        assertThat(open.exitCode()).as(open.err()).isZero();
        assertThat(open.out()).matches("[\\w-]+\\R");
        String sessionId = open.out().strip();

        assertThat(cli.run("sql", "--session", sessionId, "set color=blue").exitCode())
                .isZero();

        assertThat(cli.run("sql", "--session", sessionId, "--format", "csv", "get color")
                        .out())
                .isEqualTo("value\r\nblue\r\n");
        assertThat(cli.run("sql", "--session", sessionId, "--format", "csv", "get spark.sql.shuffle.partitions")
                        .out())
                .isEqualTo("value\r\n4\r\n");
        assertThat(cli.run("sql", "--format", "csv", "get color").out())
                .as("outside the session")
                .doesNotContain("blue");
    }

    @Test
    void showListAndClose() {
        String sessionId = cli.run("session", "open").out().strip();
        cli.run("sql", "--session", sessionId, "set a=1");

        Run show = cli.run("session", "show", sessionId);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out())
                .startsWith("session_id: ")
                .containsPattern("(?m)^state:\\s+OPEN$")
                .containsPattern("(?m)^statement_count:\\s+1$")
                .containsPattern("(?m)^engine_id:\\s+engine-");

        Run list = cli.run("session", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("SESSION_ID").contains(sessionId + "  OPEN");
        assertThat(cli.run("session").out()).as("list is the default").isEqualTo(list.out());

        Run close = cli.run("session", "close", sessionId);
        assertThat(close.exitCode()).as(close.err()).isZero();
        assertThat(close.out()).isEqualTo(TestingCli.lines(sessionId + " CLOSED"));
        assertThat(cli.run("session", "show", sessionId).out()).containsPattern("(?m)^close_reason:\\s+REQUESTED$");

        Run refused = cli.run("sql", "--session", sessionId, "get a");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).startsWith("ERROR SESSION_CLOSED: ");
    }

    @Test
    void errorsExitWithThreeAndNameTheirCodeAndField() {
        Run refused = cli.run("session", "open", "--conf", "spark.executor.memory=8g");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err())
                .startsWith("ERROR ")
                .contains("spark.executor.memory")
                .contains("(field conf)");
        assertThat(refused.out()).isEmpty();

        Run missing = cli.run("session", "close", "no-such-session");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).startsWith("ERROR NOT_FOUND: ");

        assertThat(cli.run("session", "show").exitCode()).as("no id").isEqualTo(2);
    }
}
