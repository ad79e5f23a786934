package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreConfigTest {
    @Test
    void defaultsToAnH2FileInTheDataDirectory() {
        Path dataDir = Path.of("/var/lib/hearth");
        StoreConfig config = StoreConfig.defaults(dataDir);

        assertThat(config.url())
                .isEqualTo("jdbc:h2:file:/var/lib/hearth/metadata/hearth"
                        + ";AUTO_SERVER=FALSE;FILE_LOCK=FS;DB_CLOSE_ON_EXIT=FALSE;DEFAULT_LOCK_TIMEOUT=10000");
        assertThat(config.user()).isEqualTo("hearth");
        assertThat(config.password()).isEmpty();
        assertThat(config.maxPoolSize()).isEqualTo(10);
        assertThat(config.isPostgresql()).isFalse();
    }

    @Test
    void makesARelativeDataDirectoryAbsolute() {
        assertThat(StoreConfig.defaults(Path.of("data")).url())
                .startsWith("jdbc:h2:file:" + Path.of("data").toAbsolutePath().resolve("metadata"));
    }

    @Test
    void acceptsPostgresql() {
        StoreConfig config = new StoreConfig("jdbc:postgresql://db:5432/hearth", "hearth", "secret", 20);
        assertThat(config.isPostgresql()).isTrue();
    }

    @Test
    void rejectsOtherDatabasesNamingTheKey() {
        assertThatThrownBy(() -> new StoreConfig("jdbc:mysql://db/hearth?password=secret", "hearth", "", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("store.url must start with jdbc:h2: or jdbc:postgresql: but was "
                        + "jdbc:mysql://db/hearth?password=***");
    }

    @Test
    void rejectsAPoolWithoutConnections() {
        assertThatThrownBy(() -> new StoreConfig("jdbc:h2:mem:x", "hearth", "", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("store.pool.max-size must be at least 1 but was 0");
    }

    @Test
    void rejectsMissingUrlAndUserNamingTheKey() {
        assertThatThrownBy(() -> new StoreConfig(null, "hearth", "", 10)).hasMessage("store.url is null");
        assertThatThrownBy(() -> new StoreConfig("jdbc:h2:mem:x", null, "", 10)).hasMessage("store.user is null");
    }

    @Test
    void treatsAMissingPasswordAsEmpty() {
        assertThat(new StoreConfig("jdbc:h2:mem:x", "hearth", null, 10).password())
                .isEmpty();
    }

    @Test
    void neverShowsThePassword() {
        StoreConfig config = new StoreConfig(
                "jdbc:postgresql://db/hearth?user=hearth&password=inurl&ssl=true", "hearth", "secret", 10);
        assertThat(config.toString()).doesNotContain("secret").doesNotContain("inurl");
        assertThat(config.redactedUrl()).isEqualTo("jdbc:postgresql://db/hearth?user=hearth&password=***&ssl=true");
    }
}
