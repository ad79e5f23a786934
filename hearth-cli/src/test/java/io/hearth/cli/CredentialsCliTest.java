package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.TestingCli.Run;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's credentials against a gateway with {@code auth.methods=basic}. */
class CredentialsCliTest {
    @TempDir
    static Path directory;

    private static TestingHearth hearth;
    private static TestingCli cli;

    @BeforeAll
    static void start() throws Exception {
        Path users = TestingUsers.users().add("alice", "alice-pw").writeTo(directory.resolve("users"));
        hearth = TestingHearth.start(directory.resolve("data"), TestingUsers.basicAuth(users));
        cli = new TestingCli(hearth.uri(""));
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    @Test
    void sendsTheUserAndThePasswordFromTheEnvironment() {
        Run run = cli.withEnvironment(Map.of("HEARTH_USER", "alice", "HEARTH_PASSWORD", "alice-pw"))
                .run("sql", "select * from range(1)");

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void asksForThePasswordOnTheTerminalWhenTheEnvironmentHasNone() {
        Run run = cli.withTerminal("alice-pw").run("--user", "alice", "sql", "select * from range(1)");

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void explainsA401() {
        Run anonymous = cli.run("sql", "select * from range(1)");
        Run wrong = cli.withEnvironment(Map.of("HEARTH_PASSWORD", "nope")).run("--user", "alice", "statements");

        assertThat(anonymous.exitCode()).isEqualTo(3);
        assertThat(anonymous.err())
                .startsWith("ERROR UNAUTHENTICATED: credentials are required: HTTP Basic (user and password)")
                .contains("give --user NAME");
        assertThat(wrong.exitCode()).isEqualTo(3);
        assertThat(wrong.err()).startsWith("ERROR UNAUTHENTICATED: the credentials were not accepted");
    }

    @Test
    void sendsATokenAsABearerCredential() {
        Run byOption = cli.run("--token", "not-a-valid-token", "statements");
        Run byEnvironment =
                cli.withEnvironment(Map.of("HEARTH_TOKEN", "not-a-valid-token")).run("statements");

        // this gateway takes passwords only: the answer proves the token went as a bearer credential
        assertThat(byOption.err()).contains("does not accept bearer tokens");
        assertThat(byEnvironment.err()).contains("does not accept bearer tokens");
        assertThat(cli.run("--token", "t", "--user", "alice", "statements").err())
                .contains("give --user or --token, not both");
    }
}
