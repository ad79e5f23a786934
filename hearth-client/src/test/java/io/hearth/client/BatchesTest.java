package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.batch.BatchInfo;
import io.hearth.api.batch.BatchRequest;
import io.hearth.api.batch.BatchState;
import io.hearth.server.TestJars;
import io.hearth.server.TestingHearth;
import io.hearth.server.batch.TestingBatchLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches through the SDK with real processes: tiny mains compiled into a jar on the fly, uploaded
 * with {@link Artifacts#upload}, run by the gateway's {@link TestingBatchLauncher} (plain java, no
 * Spark).
 */
class BatchesTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path directory;

    private static TestingHearth hearth;
    private static HearthClient client;
    private static String artifactId;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.start(
                directory.resolve("data"), Map.of("batch.kill-grace-period", "2s"), new TestingBatchLauncher());
        client = HearthClient.builder()
                .server(hearth.uri(""))
                .pollInterval(Duration.ofMillis(20), Duration.ofMillis(200))
                .build();
        artifactId = client.artifacts()
                .upload(TestJars.compile(directory.resolve("apps"), TestingApps.SOURCES), "apps.jar")
                .artifactId();
    }

    @AfterAll
    static void stop() {
        client.close();
        hearth.close();
    }

    @Test
    void aBatchThatExitsZeroSucceedsAndItsOutputCanBeRead() {
        List<BatchState> seen = new CopyOnWriteArrayList<>();
        BatchInfo submitted = client.batches()
                .submit(new BatchRequest(artifactId, "apps.Hello", List.of("big", "data"), Map.of("spark.a", "b")));
        assertThat(submitted.state()).isIn(BatchState.PENDING, BatchState.RUNNING);
        assertThat(submitted.args()).containsExactly("big", "data");

        BatchInfo done = client.batches().await(submitted.batchId(), DEADLINE, batch -> seen.add(batch.state()));

        assertThat(done.state()).isEqualTo(BatchState.SUCCEEDED);
        assertThat(done.exitCode()).isZero();
        assertThat(done.error()).isNull();
        assertThat(seen).last().isEqualTo(BatchState.SUCCEEDED);
        assertThat(client.batches().log(done.batchId(), 10)).contains("hello big data");
        assertThat(client.batches().list(50)).extracting(BatchInfo::batchId).contains(done.batchId());
        assertThat(client.batches().find(done.batchId())).isEqualTo(done);
    }

    @Test
    void aBatchThatThrowsFailsWithTheApplicationsError() {
        String batchId = client.batches()
                .submit(new BatchRequest(artifactId, "apps.Boom", null, null))
                .batchId();

        BatchInfo failed = client.batches().await(batchId, DEADLINE);

        assertThat(failed.state()).isEqualTo(BatchState.FAILED);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.error().errorCode()).isEqualTo(ErrorCode.APPLICATION_FAILED.name());
        assertThat(failed.error().message()).contains("the test batch failed on purpose");
    }

    @Test
    void waitingGivesUpAtTheTimeoutAndTheBatchCanBeKilled() {
        String batchId = client.batches()
                .submit(new BatchRequest(artifactId, "apps.Sleeper", null, null))
                .batchId();

        assertThatThrownBy(() -> client.batches().await(batchId, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(BatchTimeoutException.class, timeout -> {
                    assertThat(timeout.batchId()).isEqualTo(batchId);
                    assertThat(timeout.batch().state().isTerminal()).isFalse();
                });
        BatchInfo killed = client.batches().kill(batchId);

        assertThat(killed.state()).isEqualTo(BatchState.KILLED);
        assertThat(client.batches().kill(batchId).finishedAt())
                .as("killing an ended batch changes nothing")
                .isEqualTo(killed.finishedAt());
    }

    @Test
    void badRequestsAreTypedErrorsNamingTheField() {
        assertThatThrownBy(
                        () -> client.batches().submit(new BatchRequest("no-such-artifact", "apps.Hello", null, null)))
                .isInstanceOfSatisfying(HearthClientException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("artifact_id");
                });
        assertThatThrownBy(() -> client.batches().find("no-such-batch"))
                .isInstanceOfSatisfying(
                        HearthClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
