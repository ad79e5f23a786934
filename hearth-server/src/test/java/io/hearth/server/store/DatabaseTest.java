package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @Test
    void failsFastNamingTheUrlButNotThePassword() {
        // Nothing listens on port 1, so the connection is refused at once.
        StoreConfig unreachable = new StoreConfig(
                "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2&password=s3cret", "nobody", "s3cret", 2);
        assertThatThrownBy(() -> Database.open(unreachable))
                .isInstanceOf(HearthException.class)
                .hasMessageStartingWith("metadata store error: cannot connect to jdbc:postgresql://127.0.0.1:1/test")
                .hasMessageNotContaining("s3cret")
                .satisfies(e -> assertThat(((HearthException) e).errorCode()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    @Test
    void isHealthyWhileOpenOnly(@TempDir Path dataDir) {
        Database database = Database.open(StoreConfig.defaults(dataDir));
        assertThat(database.isHealthy()).isTrue();
        database.close();
        assertThat(database.isHealthy()).isFalse();
    }
}
