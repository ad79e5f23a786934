package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.TestingCli.Run;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth token} through main, against a real gateway. */
class TokenCommandTest {
    @TempDir
    Path directory;

    private TestingHearth hearth;
    private TestingCli cli;

    @BeforeEach
    void start() throws IOException {
        hearth = TestingHearth.start(directory.resolve("data"), Map.of("auth.default-user", "alice"));
        cli = new TestingCli(hearth.uri(""));
    }

    @AfterEach
    void stop() {
        hearth.close();
    }

    @Test
    void createPrintsTheTokenOnceThenListShowAndRevoke() {
        Instant before = Instant.now();
        Run create = cli.run("token", "create", "--name", "ci nightly", "--expires-in", "7d");

        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.out())
                .startsWith("token_id: ")
                .containsPattern("(?m)^name:\\s+ci nightly$")
                .containsPattern("(?m)^owner:\\s+alice$")
                .containsPattern("(?m)^token:\\s+hth_[\\w-]+$");
        assertThat(create.err()).contains("cannot be shown again");
        String tokenId = create.out().lines().findFirst().orElseThrow().split("\\s+")[1];
        String token = create.out()
                .lines()
                .filter(line -> line.startsWith("token:"))
                .findFirst()
                .orElseThrow()
                .split("\\s+")[1];
        Instant expiresAt = Instant.parse(create.out()
                .lines()
                .filter(line -> line.startsWith("expires_at:"))
                .findFirst()
                .orElseThrow()
                .split("\\s+")[1]);
        assertThat(expiresAt)
                .isBetween(before.plus(Duration.ofDays(7)), Instant.now().plus(Duration.ofDays(7)));

        Run quiet = cli.run("token", "create", "-q", "--name", "script");
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.out()).matches("hth_[\\w-]+\\R");

        Run list = cli.run("token", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).hasSize(3);
        assertThat(list.out())
                .startsWith("TOKEN_ID")
                .contains(tokenId, "ACTIVE", "ci nightly", "script")
                .doesNotContain(token)
                .doesNotContain("hth_");
        assertThat(cli.run("token").out()).isEqualTo(list.out());

        Run show = cli.run("token", "show", tokenId);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).containsPattern("(?m)^state:\\s+ACTIVE$").doesNotContain(token);

        Run revoke = cli.run("token", "revoke", tokenId);
        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        assertThat(revoke.out()).isEqualTo(TestingCli.lines(tokenId + " revoked"));
        assertThat(cli.run("token", "show", tokenId).out()).containsPattern("(?m)^state:\\s+REVOKED$");
        Run unknown = cli.run("token", "revoke", "no-such-token");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).startsWith("ERROR NOT_FOUND: ");
    }

    @Test
    void aLifetimeBeyondTheMaximumIsRefusedNamingTheField() {
        Run run = cli.run("token", "create", "--name", "forever", "--expires-in", "400d");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("ERROR INVALID_PARAMETER_VALUE: ").contains("expires_in");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void createWithoutANameIsAUsageError() {
        Run run = cli.run("token", "create");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--name");
    }
}
