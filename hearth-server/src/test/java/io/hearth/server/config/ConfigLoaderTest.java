package io.hearth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.context.ShareLevel;
import io.hearth.server.engine.EngineContext;
import io.hearth.server.event.EventsConfig;
import io.hearth.server.quota.UserQuota;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path home;

    @Test
    void defaultsArePinned() {
        HearthConfig config = ConfigLoader.load(Optional.empty(), Map.of(), Map.of(), home);

        assertThat(config.dataDirectory()).isEqualTo(home.resolve("data").toAbsolutePath());
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.http().port()).isEqualTo(8990);
        assertThat(config.http().maxRequestBytes()).isEqualTo(1024 * 1024);
        assertThat(config.http().tls()).isEmpty();
        assertThat(config.flightSql().enabled()).isTrue();
        assertThat(config.flightSql().host()).isEqualTo("127.0.0.1");
        assertThat(config.flightSql().port()).isEqualTo(8993);
        assertThat(config.flightSql().endpointPerChunk()).isFalse();
        assertThat(config.store().url())
                .startsWith("jdbc:h2:file:" + home.resolve("data").toAbsolutePath() + "/metadata/hearth");
        assertThat(config.result().directory())
                .isEqualTo(home.resolve("data").resolve("results").toAbsolutePath());
        assertThat(config.result().chunkMaxRows()).isEqualTo(100_000);
        assertThat(config.result().chunkMaxBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.result().maxBytes()).isEqualTo(4L * 1024 * 1024 * 1024);
        assertThat(config.result().ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.result().fsync()).isFalse();
        assertThat(config.engine().engineHome()).isEqualTo(home.resolve("engine"));
        assertThat(config.engine().master()).isEqualTo("local[*]");
        assertThat(config.engine().driverMemory()).isEqualTo("2g");
        assertThat(config.engine().prestart()).isFalse();
        assertThat(config.engine().startTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.engine().heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.engine().heartbeatMisses()).isEqualTo(3);
        assertThat(config.engine().sparkConf()).isEmpty();
        assertThat(config.statement().defaultWaitTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.statement().maxRunning()).isEqualTo(32);
        assertThat(config.artifact().directory())
                .isEqualTo(home.resolve("data").resolve("artifacts").toAbsolutePath());
        assertThat(config.artifact().maxBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(config.batch().directory())
                .isEqualTo(home.resolve("data").resolve("batches").toAbsolutePath());
        assertThat(config.batch().maxRunning()).isEqualTo(2);
        assertThat(config.batch().killGracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.session().idleTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.streams().checkpointDirectory())
                .isEqualTo(home.resolve("data").resolve("checkpoints").toAbsolutePath());
        assertThat(config.streams().maxRestarts()).isEqualTo(3);
        assertThat(config.streams().pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.streams().progressInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.streams().progressHistory()).isEqualTo(10);
        assertThat(config.streams().engineCallTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.hs2().enabled()).isTrue();
        assertThat(config.hs2().host()).isEqualTo("127.0.0.1");
        assertThat(config.hs2().port()).isEqualTo(10990);
        assertThat(config.hs2().httpEnabled()).isTrue();
        assertThat(config.hs2().httpPort()).isEqualTo(10991);
        assertThat(config.hs2().httpPath()).isEqualTo("/cliservice");
        assertThat(config.hs2().maxWorkerThreads()).isEqualTo(100);
        assertThat(config.hs2().fetchMaxRows()).isEqualTo(10_000);
        assertThat(config.pool().maxTotal()).isEqualTo(8);
        assertThat(config.pool().maxPerUser()).isEqualTo(4);
        assertThat(config.pool().queueMaxSize()).isEqualTo(256);
        assertThat(config.pool().queueMaxPerUser()).isEqualTo(64);
        assertThat(config.pool().retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.pool().standbyEngines()).isZero();
        EngineContext defaults = config.pool().defaultContext();
        assertThat(defaults.shareLevel()).isEqualTo(ShareLevel.USER);
        assertThat(defaults.minIdle()).isZero();
        assertThat(defaults.maxEngines()).isEqualTo(8);
        assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.maxConcurrentPerEngine()).isEqualTo(16);
        assertThat(defaults.startTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.engineRecovery().registrationPort()).isEqualTo(8991);
        assertThat(config.engineRecovery().stopOnShutdown()).isFalse();
        assertThat(config.engineRecovery().recoveryTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.tokens().defaultTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.tokens().maxTtl()).isEqualTo(Duration.ofDays(365));
        assertThat(config.impersonation().enabled()).isFalse();
        assertThat(config.impersonation().groupUsers()).isEmpty();
        assertThat(config.impersonation().hadoopConfDirectory()).isEmpty();
        assertThat(config.quota().defaults()).isEqualTo(new UserQuota(64, 10L * 1024 * 1024 * 1024));
        assertThat(config.quota().users()).isEmpty();
        assertThat(config.quota().retryAfter()).isEqualTo(config.pool().retryAfter());
        assertThat(config.pool().maxPerUserOverrides()).isEmpty();
    }

    @Test
    void eventKeysHaveDefaultsAndAreChecked() {
        EventsConfig defaults =
                ConfigLoader.load(Optional.empty(), Map.of(), Map.of(), home).events();
        assertThat(defaults.dispatch().pollInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.dispatch().batchSize()).isEqualTo(500);
        assertThat(defaults.dispatch().retryInitial()).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.dispatch().retryMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.dispatch().gapTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.inlineMaxBytes()).isEqualTo(64 * 1024);
        assertThat(defaults.progressInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.logEnabled()).isFalse();

        EventsConfig set = ConfigLoader.load(
                        Optional.empty(),
                        Map.of(),
                        Map.of("events.inline-max-bytes", "1k", "events.log.enabled", "true", "events.retention", "1d"),
                        home)
                .events();
        assertThat(set.inlineMaxBytes()).isEqualTo(1024);
        assertThat(set.logEnabled()).isTrue();
        assertThat(set.retention()).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("events.batch-size", "0"), home))
                .hasMessageContaining("events.batch-size");
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(),
                        Map.of(),
                        Map.of("events.retry-initial", "10s", "events.retry-max", "1s"),
                        home))
                .hasMessageContaining("events.retry-max");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("events.retention", "10s"), home))
                .hasMessageContaining("events.retention");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("events.colour", "blue"), home))
                .hasMessageContaining("events.colour");
    }

    @Test
    void tokenLifetimesAreCheckedAgainstEachOther() {
        HearthConfig config = ConfigLoader.load(
                Optional.empty(),
                Map.of("HEARTH_AUTH_TOKENS_MAX_TTL", "90d"),
                Map.of("auth.tokens.default-ttl", "7d"),
                home);

        assertThat(config.tokens().defaultTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.tokens().maxTtl()).isEqualTo(Duration.ofDays(90));
        assertThatThrownBy(
                        () -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("auth.tokens.max-ttl", "1d"), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.tokens.max-ttl must be at least auth.tokens.default-ttl");
        assertThatThrownBy(() ->
                        ConfigLoader.load(Optional.empty(), Map.of(), Map.of("auth.tokens.default-ttl", "30s"), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.tokens.default-ttl");
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("auth.tokens.default-ttl", "a month"), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.tokens.default-ttl");
    }

    @Test
    void impersonationKeysAndTheShareLevelsItRefuses() {
        HearthConfig config = ConfigLoader.load(
                Optional.empty(),
                Map.of("HADOOP_CONF_DIR", "/etc/hadoop/conf"),
                Map.of(
                        "impersonation.enabled",
                        "true",
                        "engine.share-level",
                        "group",
                        "impersonation.group-users.analysts",
                        "analytics-svc"),
                home);
        assertThat(config.impersonation().enabled()).isTrue();
        assertThat(config.impersonation().groupUsers()).containsExactly(Map.entry("analysts", "analytics-svc"));
        assertThat(config.impersonation().hadoopConfDirectory()).contains(Path.of("/etc/hadoop/conf"));
        assertThat(ConfigLoader.load(
                                Optional.empty(),
                                Map.of("HADOOP_CONF_DIR", "/etc/hadoop/conf"),
                                Map.of("impersonation.enabled", "true", "impersonation.hadoop-conf-dir", "/opt/conf"),
                                home)
                        .impersonation()
                        .hadoopConfDirectory())
                .contains(Path.of("/opt/conf"));

        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(),
                        Map.of(),
                        Map.of("impersonation.enabled", "true", "engine.share-level", "server"),
                        home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("engine.share-level=SERVER")
                .hasMessageContaining("impersonation.enabled=true");
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(),
                        Map.of(),
                        Map.of("impersonation.enabled", "true", "engine.share-level", "group"),
                        home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("impersonation.group-users.<group>");
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), Map.of("engine.share-level", "server"), home)
                        .pool()
                        .defaultContext()
                        .shareLevel())
                .as("without impersonation SERVER is fine")
                .isEqualTo(ShareLevel.SERVER);
    }

    @Test
    void perUserQuotasOverrideTheDefaultsKeyByKey() {
        HearthConfig config = ConfigLoader.load(
                Optional.empty(),
                Map.of(),
                Map.of(
                        "quota.max-running", "10",
                        "quota.max-result-bytes", "1g",
                        "engine.max-per-user", "2",
                        "quota.user.alice.max-running", "unlimited",
                        "quota.user.bob.smith.max-result-bytes", "512m",
                        "quota.user.bob.smith.max-engines", "6"),
                home);

        assertThat(config.quota().forUser("carol")).isEqualTo(new UserQuota(10, 1L << 30));
        assertThat(config.quota().forUser("alice")).isEqualTo(new UserQuota(UserQuota.UNLIMITED, 1L << 30));
        assertThat(config.quota().forUser("bob.smith")).isEqualTo(new UserQuota(10, 512L << 20));
        assertThat(config.pool().maxPerUser("bob.smith")).isEqualTo(6);
        assertThat(config.pool().maxPerUser("alice")).isEqualTo(2);
    }

    @Test
    void aBadQuotaStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("quota.user.alice.max-statements", "3"), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("quota.user.alice.max-statements");
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("quota.user.alice.max-running", "0"), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("quota.user.alice.max-running");
        assertThatThrownBy(() ->
                        ConfigLoader.load(Optional.empty(), Map.of(), Map.of("quota.max-result-bytes", "lots"), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("quota.max-result-bytes");
    }

    @Test
    void theDefaultContextComesFromEngineKeys() {
        HearthConfig config = ConfigLoader.load(
                Optional.empty(),
                Map.of(),
                Map.of("engine.share-level", "server", "engine.prestart", "true", "engine.max-total", "3"),
                home);

        assertThat(config.pool().defaultContext().shareLevel()).isEqualTo(ShareLevel.SERVER);
        assertThat(config.pool().defaultContext().minIdle())
                .as("prestart keeps one warm")
                .isEqualTo(1);
        assertThat(config.pool().defaultContext().maxEngines()).isEqualTo(3);
        assertThatThrownBy(
                        () -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("engine.share-level", "team"), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("engine.share-level");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("engine.min-idle", "20"), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("default context");
    }

    @Test
    void fileEnvironmentAndCommandLineOverrideInThatOrder() throws Exception {
        Path file = home.resolve("hearth.conf");
        Files.writeString(file, """
                http.port = 9000
                engine.master = local[2]
                engine.conf.spark.sql.shuffle.partitions = 4
                result.ttl = 2h
                """);
        HearthConfig config = ConfigLoader.load(
                Optional.of(file),
                Map.of(
                        "HEARTH_HTTP_PORT",
                        "9100",
                        "HEARTH_ENGINE_START_TIMEOUT",
                        "30s",
                        "HEARTH_HOME",
                        "/opt/hearth",
                        "PATH",
                        "/bin"),
                Map.of("http.port", "9200"),
                home);

        assertThat(config.http().port()).isEqualTo(9200);
        assertThat(config.engine().startTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.engine().master()).isEqualTo("local[2]");
        assertThat(config.engine().sparkConf()).containsEntry("spark.sql.shuffle.partitions", "4");
        assertThat(config.result().ttl()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void unknownKeysStopStartUpNamingThem() throws Exception {
        Path file = home.resolve("hearth.conf");
        Files.writeString(file, "http.prot = 9000\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of(), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key \"http.prot\"")
                .hasMessageContaining(file.toString());
        assertThatThrownBy(
                        () -> ConfigLoader.load(Optional.empty(), Map.of("HEARTH_ENGINE_MASTR", "x"), Map.of(), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEARTH_ENGINE_MASTR");
    }

    @Test
    void invalidValuesStopStartUpNamingTheKey() {
        assertThatThrownBy(
                        () -> ConfigLoader.load(Optional.empty(), Map.of("HEARTH_HTTP_PORT", "eighty"), Map.of(), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port")
                .hasMessageContaining("HEARTH_HTTP_PORT");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("result.ttl", "soon"), home))
                .hasMessageContaining("result.ttl");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("http.port", "70000"), home))
                .hasMessageContaining("http.port");
        assertThatThrownBy(() ->
                        ConfigLoader.load(Optional.empty(), Map.of(), Map.of("store.url", "jdbc:mysql://x"), home))
                .hasMessageContaining("store.url");
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("statement.default-wait-timeout", "3s"), home))
                .hasMessageContaining("statement.default-wait-timeout");
        assertThatThrownBy(
                        () -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("artifact.max-bytes", "12"), home))
                .hasMessageContaining("artifact.max-bytes");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("batch.max-running", "0"), home))
                .hasMessageContaining("batch.max-running");
        assertThatThrownBy(
                        () -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("streams.max-restarts", "-1"), home))
                .hasMessageContaining("streams.max-restarts");
        assertThatThrownBy(() ->
                        ConfigLoader.load(Optional.empty(), Map.of(), Map.of("streams.progress-history", "0"), home))
                .hasMessageContaining("streams.progress-history");
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), Map.of("streams.max-restarts", "0"), home)
                        .streams()
                        .maxRestarts())
                .isZero();
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), Map.of("session.idle-timeout", "15m"), home)
                        .session()
                        .idleTimeout())
                .isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() ->
                        ConfigLoader.load(Optional.empty(), Map.of(), Map.of("session.idle-timeout", "500ms"), home))
                .hasMessageContaining("session.idle-timeout");
        assertThatThrownBy(() ->
                        ConfigLoader.load(Optional.empty(), Map.of(), Map.of("session.idle-timeout", "soon"), home))
                .hasMessageContaining("session.idle-timeout");
    }

    @Test
    void aValueCanComeFromAnEnvironmentVariableOrAFileWithoutBeingPrinted() throws Exception {
        Path secret = home.resolve("store-password");
        Files.writeString(secret, "from-a-file\n");

        HearthConfig fromFile =
                ConfigLoader.load(Optional.empty(), Map.of(), Map.of("store.password", "${file:" + secret + "}"), home);
        HearthConfig fromEnvironment = ConfigLoader.load(
                Optional.empty(),
                Map.of("DB_PASSWORD", "from-the-environment"),
                Map.of("store.password", "${env:DB_PASSWORD}"),
                home);

        assertThat(fromFile.store().password()).isEqualTo("from-a-file");
        assertThat(fromEnvironment.store().password()).isEqualTo("from-the-environment");
        assertThat(fromFile.store().toString()).doesNotContain("from-a-file");
    }

    @Test
    void aMissingSecretNamesTheKeyAndWhereItShouldBe() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("store.password", "${env:NO_SUCH_VARIABLE}"), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("store.password")
                .hasMessageContaining("NO_SUCH_VARIABLE");
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("store.password", "${file:/no/such/file}"), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("store.password")
                .hasMessageContaining("/no/such/file");
    }

    @Test
    void theHiveServer2FrontDoorListensWhereHttpDoesUnlessToldOtherwise() {
        HearthConfig config = ConfigLoader.load(
                Optional.empty(),
                Map.of(),
                Map.of(
                        "http.host", "localhost",
                        "hs2.port", "0",
                        "hs2.http.enabled", "false",
                        "hs2.http.path", "/sql",
                        "hs2.fetch-max-rows", "500"),
                home);

        assertThat(config.hs2().host()).isEqualTo("localhost");
        assertThat(config.hs2().port()).isZero();
        assertThat(config.hs2().httpEnabled()).isFalse();
        assertThat(config.hs2().httpPath()).isEqualTo("/sql");
        assertThat(config.hs2().fetchMaxRows()).isEqualTo(500);
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("hs2.http.path", "sql"), home))
                .hasMessageContaining("hs2.http.path");
        // without authentication, no more reachable from elsewhere than the REST API
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("hs2.host", "0.0.0.0"), home))
                .hasMessageContaining("hs2.host");
    }
}
