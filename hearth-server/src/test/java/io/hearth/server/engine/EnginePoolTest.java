package io.hearth.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.context.ShareLevel;
import io.hearth.api.engine.EngineInfo;
import io.hearth.api.engine.EngineState;
import io.hearth.server.auth.Principal;
import io.hearth.testing.TestingEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool over in-process engines that register over real gRPC: keys, limits, warm engines, the queue. */
class EnginePoolTest {
    private static final Principal ALICE = new Principal("alice", List.of("analysts"));
    private static final Principal BOB = new Principal("bob", List.of("analysts"));
    private static final Principal CAROL = new Principal("carol", List.of("finance"));

    @TempDir
    Path logs;

    private final TestingEngineLauncher launcher = new TestingEngineLauncher();
    private final Map<String, EngineContext> contexts = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private EnginePool pool;
    private ImpersonationConfig impersonation = ImpersonationConfig.disabled();

    @AfterEach
    void stop() {
        threads.shutdownNow();
        if (pool != null) {
            pool.close();
        }
        launcher.close();
    }

    private EnginePool start(int maxTotal, int queuePerUser, EngineContext... defined) throws Exception {
        return start(maxTotal, queuePerUser, 0, defined);
    }

    private EnginePool start(int maxTotal, int queuePerUser, int standby, EngineContext... defined) throws Exception {
        for (EngineContext context : defined) {
            contexts.put(context.name(), context);
        }
        EngineConfig engineConfig = new EngineConfig(
                logs,
                Optional.empty(),
                Path.of("java"),
                "local[1]",
                "1g",
                Map.of(),
                false,
                Duration.ofSeconds(30),
                // pings with a generous deadline: a busy CI machine must not lose engines mid-test
                Duration.ofSeconds(1),
                5,
                logs);
        PoolConfig poolConfig =
                new PoolConfig(maxTotal, 4, 100, queuePerUser, Duration.ofSeconds(7), contexts.get("default"), standby);
        pool = EnginePool.start(
                engineConfig,
                poolConfig,
                new ContextCatalog() {
                    @Override
                    public Optional<EngineContext> find(String name) {
                        return Optional.ofNullable(contexts.get(name));
                    }

                    @Override
                    public Optional<EngineContext> find(Principal principal, String name) {
                        // "private-*" contexts are alice's alone, as a context ACL would make them
                        return find(name).filter(context -> !name.startsWith("private-") || principal.equals(ALICE));
                    }

                    @Override
                    public List<EngineContext> all() {
                        return List.copyOf(contexts.values());
                    }
                },
                EngineRecoveryConfig.none(),
                impersonation,
                EngineRepository.NONE,
                launcher,
                Clock.systemUTC());
        return pool;
    }

    private static EngineContext context(
            String name, ShareLevel level, int minIdle, int maxConcurrent, Duration idle, Duration start) {
        return new EngineContext(
                name, level, "local[1]", "1g", Map.of(), List.of(), minIdle, 8, idle, maxConcurrent, start);
    }

    private static EngineContext context(String name, ShareLevel level) {
        return context(name, level, 0, 4, Duration.ofMinutes(30), Duration.ofSeconds(30));
    }

    private EngineLease acquire(Principal principal, String context, String connection) throws InterruptedException {
        return pool.acquire(new EngineRequest(principal, Optional.of(context), connection));
    }

    private List<EngineInfo> live() {
        return pool.list().stream().filter(info -> !info.state().isTerminal()).toList();
    }

    @Test
    void atUserLevelTwoUsersGetTwoEnginesAndTheSameUserOne() throws Exception {
        start(8, 10, context("default", ShareLevel.USER));

        String alice1;
        String alice2;
        String bob;
        try (EngineLease first = acquire(ALICE, "default", "s1");
                EngineLease second = acquire(ALICE, "default", "s2");
                EngineLease other = acquire(BOB, "default", "s3")) {
            alice1 = first.engineId();
            alice2 = second.engineId();
            bob = other.engineId();
        }

        assertThat(alice2).isEqualTo(alice1);
        assertThat(bob).isNotEqualTo(alice1);
        assertThat(launcher.engines()).hasSize(2);
        EngineInfo aliceEngine = pool.find(alice1).orElseThrow();
        assertThat(aliceEngine.shareKey()).isEqualTo("default:USER:alice");
        assertThat(aliceEngine.subject()).isEqualTo("alice");
    }

    @Test
    void atServerLevelEveryoneSharesAnEngineAndAtGroupLevelEachGroupHasOne() throws Exception {
        start(8, 10, context("default", ShareLevel.SERVER), context("teams", ShareLevel.GROUP));

        String aliceServer;
        String carolServer;
        try (EngineLease alice = acquire(ALICE, "default", "a");
                EngineLease carol = acquire(CAROL, "default", "c")) {
            aliceServer = alice.engineId();
            carolServer = carol.engineId();
        }
        assertThat(carolServer).isEqualTo(aliceServer);

        try (EngineLease alice = acquire(ALICE, "teams", "a");
                EngineLease bob = acquire(BOB, "teams", "b");
                EngineLease carol = acquire(CAROL, "teams", "c")) {
            assertThat(bob.engineId()).as("alice and bob are both analysts").isEqualTo(alice.engineId());
            assertThat(carol.engineId()).isNotEqualTo(alice.engineId()).isNotEqualTo(aliceServer);
            assertThat(pool.find(carol.engineId()).orElseThrow().shareKey()).isEqualTo("teams:GROUP:finance");
        }
        assertThat(launcher.engines()).hasSize(3);
    }

    @Test
    void atConnectionLevelEachConnectionGetsAFreshEngineThatStopsWhenItEnds() throws Exception {
        start(8, 10, context("default", ShareLevel.CONNECTION));

        EngineLease session = acquire(ALICE, "default", "session-1");
        session.holdForSession();
        session.close();
        String sessionEngine = session.engineId();
        String workEngine;
        try (EngineLease work = acquire(ALICE, "default", "statement-1")) {
            workEngine = work.engineId();
        }

        assertThat(workEngine).isNotEqualTo(sessionEngine);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> pool.find(workEngine).orElseThrow().state() == EngineState.STOPPED);
        assertThat(pool.find(sessionEngine).orElseThrow().state())
                .as("the session still holds its engine")
                .isEqualTo(EngineState.IDLE);

        pool.sessionClosed(sessionEngine);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> pool.find(sessionEngine).orElseThrow().state() == EngineState.STOPPED);
    }

    @Test
    void minIdleEnginesArePrestartedClaimedAndRefilled() throws Exception {
        start(8, 10, context("default", ShareLevel.USER, 1, 4, Duration.ofMinutes(30), Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> live().size() == 1 && live().get(0).state() == EngineState.IDLE);
        String warm = live().get(0).engineId();
        assertThat(live().get(0).subject()).as("not yet anyone's").isNull();

        try (EngineLease lease = acquire(ALICE, "default", "x")) {
            assertThat(lease.engineId()).as("the warm engine is claimed").isEqualTo(warm);
        }

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        live().stream().anyMatch(info -> info.subject() == null && info.state() == EngineState.IDLE));
        assertThat(pool.find(warm).orElseThrow().shareKey()).isEqualTo("default:USER:alice");
        assertThat(launcher.engines()).hasSize(2);
    }

    @Test
    void anEngineIdlePastItsTimeoutStops() throws Exception {
        start(8, 10, context("default", ShareLevel.USER, 0, 4, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        String id;
        try (EngineLease lease = acquire(ALICE, "default", "x")) {
            id = lease.engineId();
        }

        await().atMost(Duration.ofSeconds(20))
                .until(() -> pool.find(id).orElseThrow().state() == EngineState.STOPPED);
        assertThat(pool.find(id).orElseThrow().error()).contains("idle for 1s");
    }

    @Test
    void theQueueServesUsersRoundRobinAndEachUserFirstInFirstOut() throws Exception {
        // one engine, one statement at a time: everything else waits in the queue
        start(1, 10, context("default", ShareLevel.SERVER, 0, 1, Duration.ofMinutes(30), Duration.ofSeconds(30)));
        EngineLease holder = acquire(ALICE, "default", "hold");
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> waiters = new ArrayList<>();
        for (String name : List.of("alice-1", "alice-2", "alice-3", "bob-1", "bob-2")) {
            Principal principal = name.startsWith("alice") ? ALICE : BOB;
            CountDownLatch queued = new CountDownLatch(1);
            waiters.add(threads.submit(() -> {
                queued.countDown();
                try (EngineLease lease = acquire(principal, "default", name)) {
                    served.add(name);
                    assertThat(lease.engineId()).isNotNull();
                    Thread.sleep(20);
                }
                return null;
            }));
            queued.await();
            await().atMost(Duration.ofSeconds(5)).until(() -> pool.queueLength() == waiters.size());
        }

        holder.close();
        for (Future<?> waiter : waiters) {
            waiter.get(20, TimeUnit.SECONDS);
        }

        assertThat(served).containsExactly("alice-1", "bob-1", "alice-2", "bob-2", "alice-3");
    }

    @Test
    void aFullQueueAnswersTooManyRequestsWithRetryAfter() throws Exception {
        start(8, 2, context("default", ShareLevel.USER));
        Admission first = pool.admit(ALICE);
        Admission second = pool.admit(ALICE);

        assertThatThrownBy(() -> pool.admit(ALICE)).isInstanceOfSatisfying(HearthException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(e.getMessage()).contains("engine.queue.max-per-user");
        });
        pool.admit(BOB).close(); // another user is not held back by alice's burst

        first.close();
        first.close(); // twice is harmless
        pool.admit(ALICE).close();
        second.close();
    }

    @Test
    void aRequestThatCannotGetCapacityFailsAtItsStartTimeoutSayingWhichLimitHeldIt() throws Exception {
        start(1, 10, context("default", ShareLevel.USER, 0, 4, Duration.ofMinutes(30), Duration.ofSeconds(1)));
        try (EngineLease alice = acquire(ALICE, "default", "a")) {
            assertThat(alice.engineId()).isNotNull();
            assertThatThrownBy(() -> acquire(BOB, "default", "b")).isInstanceOfSatisfying(HearthException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(ErrorCode.ENGINE_UNAVAILABLE);
                assertThat(e.getMessage()).contains("within 1s").contains("engine.max-total");
            });
            assertThat(pool.queueLength()).isZero();
        }
    }

    @Test
    void atTheTotalLimitAnIdleEngineMakesRoomForWaitingWork() throws Exception {
        start(1, 10, context("default", ShareLevel.USER));
        String aliceEngine;
        try (EngineLease alice = acquire(ALICE, "default", "a")) {
            aliceEngine = alice.engineId();
        }

        try (EngineLease bob = acquire(BOB, "default", "b")) {
            assertThat(bob.engineId()).isNotEqualTo(aliceEngine);
        }
        assertThat(pool.find(aliceEngine).orElseThrow().state()).isEqualTo(EngineState.STOPPED);
        assertThat(pool.find(aliceEngine).orElseThrow().error()).contains("make room");
    }

    @Test
    void aStandbyEngineIsBoundToTheFirstContextThatNeedsAnEngineAndReplaced() throws Exception {
        EngineContext small = new EngineContext(
                "small",
                ShareLevel.USER,
                "local[2]",
                "1g",
                Map.of("spark.sql.shuffle.partitions", "3"),
                List.of(),
                0,
                8,
                Duration.ofMinutes(30),
                4,
                Duration.ofSeconds(30));
        start(8, 10, 1, context("default", ShareLevel.USER), small);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> live().size() == 1 && live().get(0).state() == EngineState.IDLE);
        EngineInfo standby = live().get(0);
        assertThat(standby.shareKey()).isEqualTo("standby");
        assertThat(standby.context()).isNull();
        assertThat(launcher.latest().isStandby()).isTrue();

        try (EngineLease lease = acquire(ALICE, "small", "x")) {
            assertThat(lease.engineId()).isEqualTo(standby.engineId());
        }

        TestingEngine bound = launcher.engines().get(0);
        assertThat(bound.isBound()).isTrue();
        assertThat(bound.boundConf().orElseThrow())
                .containsEntry("spark.master", "local[2]")
                .containsEntry("spark.sql.shuffle.partitions", "3")
                .containsEntry("spark.scheduler.mode", "FAIR");
        assertThat(pool.find(standby.engineId()).orElseThrow().shareKey()).isEqualTo("small:USER:alice");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> live().stream()
                        .anyMatch(info -> info.shareKey().equals("standby") && info.state() == EngineState.IDLE));
    }

    @Test
    void aStandbyEngineIsNotBoundToAContextWithAnotherHeap() throws Exception {
        EngineContext big = new EngineContext(
                "big",
                ShareLevel.USER,
                "local[1]",
                "4g",
                Map.of(),
                List.of(),
                0,
                8,
                Duration.ofMinutes(30),
                4,
                Duration.ofSeconds(30));
        start(8, 10, 1, context("default", ShareLevel.USER), big);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> live().size() == 1 && live().get(0).state() == EngineState.IDLE);
        String standby = live().get(0).engineId();

        try (EngineLease lease = acquire(ALICE, "big", "x")) {
            assertThat(lease.engineId()).isNotEqualTo(standby);
        }
        assertThat(pool.find(standby).orElseThrow().shareKey()).isEqualTo("standby");
    }

    @Test
    void aBindSparkRefusesFailsTheRequestWithSparksReason() throws Exception {
        EngineContext broken = new EngineContext(
                "broken",
                ShareLevel.USER,
                "nonsense",
                "1g",
                Map.of(),
                List.of(),
                0,
                8,
                Duration.ofMinutes(30),
                4,
                Duration.ofSeconds(30));
        start(8, 10, 1, context("default", ShareLevel.USER), broken);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> live().size() == 1 && live().get(0).state() == EngineState.IDLE);

        assertThatThrownBy(() -> acquire(ALICE, "broken", "x")).isInstanceOfSatisfying(HearthException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.ENGINE_START_FAILED);
            assertThat(e.getMessage()).contains("could not bind").contains("Master URL");
        });
    }

    @Test
    void anUnknownContextIsRefusedByName() throws Exception {
        start(8, 10, context("default", ShareLevel.USER));

        assertThatThrownBy(() -> pool.checkContext(ALICE, "nope")).isInstanceOfSatisfying(HearthException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
            assertThat(e.field()).isEqualTo("context");
        });
        assertThat(pool.checkContext(ALICE, null)).isEqualTo("default");
    }

    @Test
    void aContextThePrincipalMayNotUseIsRefusedAsIfItDidNotExist() throws Exception {
        start(8, 10, context("default", ShareLevel.USER), context("private-etl", ShareLevel.USER));

        assertThat(pool.checkContext(ALICE, "private-etl")).isEqualTo("private-etl");
        HearthException missing = catchThrowableOfType(HearthException.class, () -> pool.checkContext(BOB, "nope"));
        HearthException forbidden =
                catchThrowableOfType(HearthException.class, () -> pool.checkContext(BOB, "private-etl"));
        assertThat(forbidden.errorCode()).isEqualTo(missing.errorCode());
        assertThat(forbidden.getMessage()).isEqualTo(missing.getMessage().replace("nope", "private-etl"));
    }

    @Test
    void eachUserSeesTheEnginesServingThemAndStopsOnlyTheirOwn() throws Exception {
        start(8, 10, context("default", ShareLevel.USER), context("shared", ShareLevel.SERVER));
        Principal admin = new Principal("root", List.of(), true);
        String aliceEngine;
        String bobEngine;
        String sharedEngine;
        try (EngineLease alice = acquire(ALICE, "default", "a");
                EngineLease bob = acquire(BOB, "default", "b");
                EngineLease shared = acquire(CAROL, "shared", "c")) {
            aliceEngine = alice.engineId();
            bobEngine = bob.engineId();
            sharedEngine = shared.engineId();
        }

        assertThat(pool.list(ALICE))
                .extracting(EngineInfo::engineId)
                .containsExactlyInAnyOrder(aliceEngine, sharedEngine);
        assertThat(pool.list(admin))
                .extracting(EngineInfo::engineId)
                .containsExactlyInAnyOrder(aliceEngine, bobEngine, sharedEngine);
        assertThat(pool.find(ALICE, aliceEngine).engineId()).isEqualTo(aliceEngine);
        HearthException missing = catchThrowableOfType(HearthException.class, () -> pool.find(ALICE, "no-such-engine"));
        HearthException hidden = catchThrowableOfType(HearthException.class, () -> pool.find(ALICE, bobEngine));
        assertThat(hidden.errorCode()).isEqualTo(ErrorCode.NOT_FOUND).isEqualTo(missing.errorCode());
        assertThat(hidden.getMessage()).isEqualTo(missing.getMessage().replace("no-such-engine", bobEngine));
        assertThatThrownBy(() -> pool.stop(ALICE, bobEngine))
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> pool.tailLog(ALICE, bobEngine, 10))
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> pool.stop(ALICE, sharedEngine))
                .as("a SERVER engine is seen by all, stopped by admins")
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED));

        pool.stop(ALICE, aliceEngine);
        pool.stop(admin, bobEngine);
        pool.stop(admin, sharedEngine);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> pool.list(admin).stream()
                        .allMatch(engine -> engine.state().isTerminal()));
    }

    @Test
    void impersonatingEachUserGetsAnEngineLaunchedAsThemselves() throws Exception {
        impersonation = new ImpersonationConfig(true, Map.of(), Optional.empty());
        start(8, 10, context("default", ShareLevel.USER), context("exclusive", ShareLevel.CONNECTION));

        try (EngineLease alice = acquire(ALICE, "default", "a");
                EngineLease bob = acquire(BOB, "default", "b");
                EngineLease aliceAlone = acquire(ALICE, "exclusive", "c")) {
            assertThat(bob.engineId()).isNotEqualTo(alice.engineId());
            assertThat(pool.find(alice.engineId()).orElseThrow().shareKey())
                    .isEqualTo("default:USER:alice;proxy-user=alice");
            assertThat(pool.find(aliceAlone.engineId()).orElseThrow().shareKey())
                    .isEqualTo("exclusive:CONNECTION:c;proxy-user=alice");
        }
        assertThat(launcher.launches())
                .extracting(launch -> launch.proxyUser().orElseThrow())
                .containsExactlyInAnyOrder("alice", "bob", "alice");
    }

    @Test
    void impersonatingNoWarmEngineIsStartedOrClaimedAndAStandbyEngineIsBoundAsTheUser() throws Exception {
        impersonation = new ImpersonationConfig(true, Map.of(), Optional.empty());
        start(8, 10, 1, context("default", ShareLevel.USER, 1, 4, Duration.ofMinutes(30), Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> live().size() == 1 && live().get(0).state() == EngineState.IDLE);
        assertThat(live().get(0).shareKey())
                .as("min-idle starts nothing, the standby engine starts")
                .isEqualTo("standby");

        try (EngineLease lease = acquire(ALICE, "default", "x")) {
            assertThat(pool.find(lease.engineId()).orElseThrow().shareKey())
                    .isEqualTo("default:USER:alice;proxy-user=alice");
        }

        TestingEngine bound = launcher.engines().get(0);
        assertThat(bound.isBound()).isTrue();
        assertThat(bound.boundProxyUser()).contains("alice");
        assertThat(launcher.launches().get(0).proxyUser())
                .as("launched as nobody yet")
                .isEmpty();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> live().stream()
                        .anyMatch(info -> info.shareKey().equals("standby") && info.state() == EngineState.IDLE));
        assertThat(live())
                .noneMatch(info -> info.subject() == null && !info.shareKey().equals("standby"));
    }

    @Test
    void impersonatingAGroupEngineRunsAsTheGroupsHadoopUserAndOtherGroupsAndServerLevelAreRefused() throws Exception {
        impersonation = new ImpersonationConfig(true, Map.of("analysts", "analytics-svc"), Optional.empty());
        start(8, 10, context("default", ShareLevel.GROUP), context("everyone", ShareLevel.SERVER));

        try (EngineLease alice = acquire(ALICE, "default", "a");
                EngineLease bob = acquire(BOB, "default", "b")) {
            assertThat(bob.engineId()).isEqualTo(alice.engineId());
            assertThat(pool.find(alice.engineId()).orElseThrow().shareKey())
                    .isEqualTo("default:GROUP:analysts;proxy-user=analytics-svc");
        }
        assertThat(launcher.launches())
                .singleElement()
                .satisfies(launch -> assertThat(launch.proxyUser()).contains("analytics-svc"));

        assertThatThrownBy(() -> acquire(CAROL, "default", "c")).isInstanceOfSatisfying(HearthException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("group finance", "impersonation.group-users.finance");
        });
        assertThatThrownBy(() -> acquire(ALICE, "everyone", "d")).isInstanceOfSatisfying(HearthException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("SERVER", "impersonation.enabled");
        });
        assertThat(launcher.launches()).hasSize(1);
    }

    @Test
    void anEngineKeyKeepsItsProxyUserThroughTheStore() {
        EngineKey key =
                new EngineKey("default", ShareLevel.USER, "alice@example.com", Optional.of("alice@example.com"));
        assertThat(EngineKey.parse(key.toString())).contains(key);
        assertThat(EngineKey.parse("default:USER:alice")).contains(new EngineKey("default", ShareLevel.USER, "alice"));
        assertThat(EngineKey.parse("default:USER:alice")).isNotEqualTo(Optional.of(key));
    }
}
