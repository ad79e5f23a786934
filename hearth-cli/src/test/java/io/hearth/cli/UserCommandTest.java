package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.TestingCli.Run;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hearth user add | remove} write a users file that a gateway with {@code
 * auth.methods=basic} accepts, and the command line's credentials reach it.
 */
class UserCommandTest {
    @TempDir
    Path directory;

    @Test
    void addWritesAnEntryTheGatewayAcceptsAndRemoveTakesItAway() throws Exception {
        Path users = directory.resolve("conf").resolve("users");
        TestingCli offline = new TestingCli(java.net.URI.create("http://127.0.0.1:1"));

        Run add = offline.runWithInput(
                "correct horse\n",
                "user",
                "add",
                "alice",
                "--groups",
                "analysts,ops",
                "--file",
                users.toString(),
                "--cost",
                "4");

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo(TestingCli.lines("Added user alice (groups analysts,ops) in " + users));
        assertThat(Files.readString(users)).matches("alice:\\$2a\\$04\\$[./A-Za-z0-9]{53}:analysts,ops\\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users)))
                .isEqualTo("rw-------");

        try (TestingHearth hearth = TestingHearth.start(directory.resolve("data"), TestingUsers.basicAuth(users))) {
            TestingCli cli = new TestingCli(hearth.uri(""));
            Run asAlice = cli.withEnvironment(Map.of("HEARTH_PASSWORD", "correct horse"))
                    .run("--user", "alice", "sql", "select * from range(1)");
            assertThat(asAlice.exitCode()).as(asAlice.err()).isZero();
            assertThat(asAlice.out()).contains("(1 row)");

            // a second add replaces the entry: the old password stops working without a restart
            Run replace = offline.runWithInput(
                    "battery staple\n", "user", "add", "alice", "--file", users.toString(), "--cost", "4");
            assertThat(replace.out()).startsWith("Replaced user alice in ");
            Run oldPassword = cli.withEnvironment(Map.of("HEARTH_USER", "alice", "HEARTH_PASSWORD", "correct horse"))
                    .run("sql", "select * from range(1)");
            assertThat(oldPassword.exitCode()).isEqualTo(3);
            Run newPassword = cli.withEnvironment(Map.of("HEARTH_USER", "alice", "HEARTH_PASSWORD", "battery staple"))
                    .run("sql", "select * from range(1)");
            assertThat(newPassword.exitCode()).as(newPassword.err()).isZero();

            Run remove = offline.run("user", "remove", "alice", "--file", users.toString());
            assertThat(remove.exitCode()).as(remove.err()).isZero();
            assertThat(Files.readString(users)).isEmpty();
            Run removed = cli.withEnvironment(Map.of("HEARTH_USER", "alice", "HEARTH_PASSWORD", "battery staple"))
                    .run("sql", "select * from range(1)");
            assertThat(removed.exitCode()).isEqualTo(3);
            assertThat(removed.err()).startsWith("ERROR UNAUTHENTICATED: the credentials were not accepted");
        }
    }

    @Test
    void asksForThePasswordTwiceOnATerminal() throws Exception {
        Path users = directory.resolve("users");
        TestingCli cli = new TestingCli(java.net.URI.create("http://127.0.0.1:1"));

        Run mismatch = cli.withTerminal("one", "two").run("user", "add", "bob", "--file", users.toString());
        assertThat(mismatch.exitCode()).isEqualTo(2);
        assertThat(mismatch.err()).contains("the passwords do not match");
        assertThat(users).doesNotExist();

        Run added =
                cli.withTerminal("same", "same").run("user", "add", "bob", "--file", users.toString(), "--cost", "4");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(Files.readString(users)).startsWith("bob:$2a$04$");
    }

    @Test
    void keepsOtherLinesAndRefusesBadInput() throws Exception {
        Path users =
                Files.writeString(directory.resolve("users"), "# operators\ncarol:$2a$04$" + "x".repeat(53) + "\n");
        TestingCli cli = new TestingCli(java.net.URI.create("http://127.0.0.1:1"));

        assertThat(cli.runWithInput("pw\n", "user", "add", "dave", "--file", users.toString(), "--cost", "4")
                        .exitCode())
                .isZero();
        assertThat(Files.readAllLines(users)).hasSize(3).startsWith("# operators", "carol:$2a$04$" + "x".repeat(53));

        assertThat(cli.runWithInput("pw\n", "user", "add", "bad:name", "--file", users.toString())
                        .err())
                .contains("invalid user name");
        assertThat(cli.runWithInput("\n", "user", "add", "erin", "--file", users.toString())
                        .err())
                .contains("the password is empty");
        assertThat(cli.runWithInput("x".repeat(73) + "\n", "user", "add", "erin", "--file", users.toString())
                        .err())
                .contains("longer than bcrypt's 72 bytes");
        Run missing = cli.run("user", "remove", "nobody", "--file", users.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no user nobody in " + users);
    }
}
