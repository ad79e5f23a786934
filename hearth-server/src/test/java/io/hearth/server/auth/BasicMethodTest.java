package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.TestingUsers;
import io.hearth.server.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The {@code basic} method over a users file: bcrypt, groups, and reading the file again when it changes. */
class BasicMethodTest {
    @TempDir
    Path directory;

    @Test
    void acceptsTheRightPasswordWithTheUsersGroups() {
        BasicMethod basic = new BasicMethod(TestingUsers.users()
                .add("alice", "s3cret", "analysts", "finance")
                .add("bob", "hunter2")
                .writeTo(directory.resolve("users")));

        assertThat(basic.authenticate(new Credentials.Password("alice", "s3cret")))
                .hasValue(new Principal("alice", List.of("analysts", "finance"), false));
        assertThat(basic.authenticate(new Credentials.Password("bob", "hunter2")))
                .hasValue(new Principal("bob", List.of(), false));
        // twice: the second check comes from the remembered verification, and must agree
        assertThat(basic.authenticate(new Credentials.Password("bob", "hunter2")))
                .isPresent();
    }

    @Test
    void refusesWrongPasswordsUnknownUsersAndTokens() {
        BasicMethod basic =
                new BasicMethod(TestingUsers.users().add("alice", "s3cret").writeTo(directory.resolve("users")));

        assertThat(basic.authenticate(new Credentials.Password("alice", "S3cret")))
                .isEmpty();
        assertThat(basic.authenticate(new Credentials.Password("alice", ""))).isEmpty();
        assertThat(basic.authenticate(new Credentials.Password("alice", "x".repeat(100))))
                .isEmpty();
        assertThat(basic.authenticate(new Credentials.Password("mallory", "s3cret")))
                .isEmpty();
        assertThat(basic.accepts(new Credentials.Token("t"))).isFalse();
        assertThat(basic.authenticate(new Credentials.Token("t"))).isEmpty();
    }

    @Test
    void readsHashesOfAnyCostAndCommentsAndBlankLines() throws Exception {
        String hash = new BCryptPasswordEncoder(10).encode("s3cret");
        Path file = Files.writeString(
                directory.resolve("users"), "# the users of this gateway\n\n  alice:" + hash + ":  analysts , ops \n");

        assertThat(new BasicMethod(file).authenticate(new Credentials.Password("alice", "s3cret")))
                .hasValue(new Principal("alice", List.of("analysts", "ops")));
    }

    @Test
    void readsTheFileAgainWhenItChanges() {
        Path file = TestingUsers.users().add("alice", "old").writeTo(directory.resolve("users"));
        BasicMethod basic = new BasicMethod(file);
        assertThat(basic.authenticate(new Credentials.Password("alice", "old"))).isPresent();

        TestingUsers.users().add("alice", "new-password").add("carol", "c").writeTo(file);

        assertThat(basic.authenticate(new Credentials.Password("alice", "old"))).isEmpty();
        assertThat(basic.authenticate(new Credentials.Password("alice", "new-password")))
                .isPresent();
        assertThat(basic.authenticate(new Credentials.Password("carol", "c"))).isPresent();
    }

    @Test
    void keepsTheUsersReadBeforeWhenTheChangedFileIsInvalid() throws Exception {
        Path file = TestingUsers.users().add("alice", "pw").writeTo(directory.resolve("users"));
        BasicMethod basic = new BasicMethod(file);

        Files.writeString(file, "alice:plain-text-password\n", StandardCharsets.UTF_8);

        assertThat(basic.authenticate(new Credentials.Password("alice", "pw"))).isPresent();
        assertThat(basic.authenticate(new Credentials.Password("alice", "plain-text-password")))
                .isEmpty();
    }

    @Test
    void aDeletedFileLeavesNoUsers() throws Exception {
        Path file = TestingUsers.users().add("alice", "pw").writeTo(directory.resolve("users"));
        BasicMethod basic = new BasicMethod(file);
        assertThat(basic.authenticate(new Credentials.Password("alice", "pw"))).isPresent();

        Files.delete(file);

        assertThat(basic.authenticate(new Credentials.Password("alice", "pw"))).isEmpty();
    }

    @Test
    void aMissingFileStopsStartUpSayingHowToCreateIt() {
        Path file = directory.resolve("conf/users");

        assertThatThrownBy(() -> new BasicMethod(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.users-file " + file + " does not exist")
                .hasMessageContaining("hearth user add");
    }

    @Test
    void anInvalidLineStopsStartUpNamingIt() throws Exception {
        String hash = new BCryptPasswordEncoder(4).encode("pw");
        assertThatThrownBy(() -> new BasicMethod(
                        Files.writeString(directory.resolve("a"), "alice:" + hash + "\nbob:{noop}pw\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("not a bcrypt hash");
        assertThatThrownBy(() -> new BasicMethod(
                        Files.writeString(directory.resolve("b"), "alice:" + hash + "\nalice:" + hash + "\n")))
                .hasMessageContaining("line 2: user alice is listed twice");
        assertThatThrownBy(() -> new BasicMethod(Files.writeString(directory.resolve("c"), "just-a-name\n")))
                .hasMessageContaining("line 1 is not name:bcrypt-hash[:group,...]");
        assertThatThrownBy(() -> new BasicMethod(Files.writeString(directory.resolve("d"), "al ice:" + hash + "\n")))
                .hasMessageContaining("line 1: the user name");
    }
}
