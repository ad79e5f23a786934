package io.hearth.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.ErrorCode;
import io.hearth.api.FieldError;
import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.job.FunctionInfo;
import io.hearth.api.job.FunctionRequest;
import io.hearth.api.job.JobList;
import io.hearth.api.job.JobRequest;
import io.hearth.api.job.JobResponse;
import io.hearth.api.job.JobSummary;
import io.hearth.api.job.NamedObjectInfo;
import io.hearth.client.arrow.ArrowChunks;
import io.hearth.server.TestJars;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions and jobs through the SDK, against a real gateway (in-process) whose testing engine
 * knows the fake job classes {@code testing.Echo}, {@code Rows}, {@code Fail}, {@code Block} and
 * {@code Persist}. Each test registers the functions it uses under names of its own.
 */
class JobsTest {
    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;
    private static HearthClient client;
    private static String artifactId;

    @BeforeAll
    static void start() throws IOException {
        // the testing engine sends batches of 1000 rows; a chunk closes after one batch
        hearth = TestingHearth.start(dataDirectory, Map.of("result.chunk-max-rows", "1000"));
        client = HearthClient.builder()
                .server(hearth.uri(""))
                .pollInterval(Duration.ofMillis(10), Duration.ofMillis(50))
                .build();
        // the testing engine knows its job classes by name; the artifact only has to be a jar
        Path jar = Files.write(dataDirectory.resolve("jobs.jar"), TestJars.jar(Map.of("README.txt", "fake jobs")));
        artifactId = hearth.uploadArtifact(jar);
    }

    @AfterAll
    static void stop() {
        client.close();
        hearth.close();
    }

    @Test
    void registersFindsListsAndDeletesFunctions() {
        FunctionInfo registered = register("echo-crud", "testing.Echo");

        assertThat(registered.name()).isEqualTo("echo-crud");
        assertThat(registered.artifactId()).isEqualTo(artifactId);
        assertThat(registered.context()).isEqualTo("default");
        FunctionInfo found = client.functions().find("echo-crud");
        assertThat(found.parametersSchema()).containsEntry("required", List.of("n", "word"));
        assertThat(client.functions().list()).extracting(FunctionInfo::name).contains("echo-crud");

        client.functions().delete("echo-crud");

        assertThat(client.functions().list()).extracting(FunctionInfo::name).doesNotContain("echo-crud");
        assertThatThrownBy(() -> client.functions().find("echo-crud"))
                .isInstanceOfSatisfying(
                        HearthClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void refusesAClassTheEngineCannotUseWithItsReason() {
        assertThatThrownBy(() -> register("nope", "com.example.Nope"))
                .isInstanceOfSatisfying(HearthClientException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_FUNCTION);
                    assertThat(e.field()).isEqualTo("class_name");
                    assertThat(e.getMessage()).contains("com.example.Nope was not found in the artifact");
                });
    }

    @Test
    void runsAValueJobSynchronouslyAndReadsItsValueAndLog() {
        register("echo-value", "testing.Echo");
        List<StatementState> seen = new ArrayList<>();

        JobResponse job = client.jobs()
                .run(
                        "echo-value",
                        new JobRequest(Map.of("n", 3, "word", "hi"), null, null, null, null, null),
                        Duration.ofSeconds(30),
                        answer -> seen.add(answer.status().state()));

        assertThat(job.status().state()).isEqualTo(StatementState.SUCCEEDED);
        assertThat(seen)
                .as("one answer: the gateway held the submission until it finished")
                .containsExactly(StatementState.SUCCEEDED);
        assertThat(job.function()).isEqualTo("echo-value");
        assertThat(client.jobs().value(job)).isEqualTo(json("{\"n\": 3, \"word\": \"hi\"}"));
        assertThat(client.jobs().value(job, Echoed.class)).isEqualTo(new Echoed(3, "hi"));
        assertThat(client.jobs().fetchValue(job.jobId(), Echoed.class)).isEqualTo(new Echoed(3, "hi"));
        assertThat(client.jobs().log(job.jobId())).contains("INFO echo hi");
        assertThat(client.jobs().find(job.jobId())).isEqualTo(job);
        assertThatThrownBy(() -> client.jobs().rows(job))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned a value, not a Dataset");
    }

    @Test
    void readsADatasetResultAsTypedRowsAcrossChunksAsStreamsAndAsArrow() throws IOException {
        register("rows-dataset", "testing.Rows");

        JobResponse job = client.jobs().run("rows-dataset", Map.of("rows", 2500));

        ResultChunks result = client.jobs().result(job);
        assertThat(result.chunkCount()).isEqualTo(3);
        assertThat(result.describe()).isEqualTo("job " + job.jobId());
        List<Long> ids = new ArrayList<>();
        try (ResultRows rows = client.jobs().rows(job)) {
            rows.forEachRemaining(row -> ids.add(row.get("id", Long.class)));
        }
        assertThat(ids).hasSize(2500).startsWith(0L, 1L).endsWith(2499L).isSorted();

        try (InputStream csv = client.jobs().fetchChunk(job.jobId(), 2, ResultFormat.CSV)) {
            assertThat(new String(csv.readAllBytes(), UTF_8).split("\r\n"))
                    .hasSize(501)
                    .startsWith("id", "2000");
        }
        long[] sum = new long[2];
        try (BufferAllocator allocator = new RootAllocator()) {
            new ArrowChunks(allocator).forEachBatch(result, root -> {
                BigIntVector column = (BigIntVector) root.getVector("id");
                for (int i = 0; i < root.getRowCount(); i++) {
                    sum[0] += column.get(i);
                    sum[1]++;
                }
            });
        }
        assertThat(sum[1]).isEqualTo(2500);
        assertThat(sum[0]).isEqualTo(2499L * 2500 / 2);
        assertThatThrownBy(() -> client.jobs().value(job))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned a Dataset");
    }

    @Test
    void refusesInvalidParametersWithEveryFieldErrorBeforeAnythingIsQueued() {
        register("echo-strict", "testing.Echo");

        assertThatThrownBy(() -> client.jobs().run("echo-strict", Map.of("n", "three", "extra", 1)))
                .isInstanceOfSatisfying(HearthClientException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("parameters");
                    assertThat(e.fieldErrors())
                            .extracting(FieldError::field)
                            .containsExactlyInAnyOrder("/n", "/word", "/extra");
                    assertThat(e.fieldErrors())
                            .extracting(FieldError::message)
                            .allSatisfy(message -> assertThat(message).isNotBlank());
                });
        JobList jobs = client.jobs().list(null, 1000, null);
        assertThat(jobs.jobs()).extracting(JobSummary::function).doesNotContain("echo-strict");
    }

    @Test
    void cancelsARunningJob() {
        register("block-cancel", "testing.Block");
        JobResponse submitted =
                client.jobs().submit("block-cancel", new JobRequest(Map.of(), "0s", null, null, null, null));
        String id = submitted.jobId();
        awaitTrue(() -> client.jobs().log(id).contains("blocking"));

        JobResponse canceling = client.jobs().cancel(id);
        JobResponse canceled = client.jobs().await(id, Duration.ofSeconds(10), ignored -> {});

        assertThat(canceling.jobId()).isEqualTo(id);
        assertThat(canceled.status().state()).isEqualTo(StatementState.CANCELED);
        assertThatThrownBy(() -> client.jobs().value(canceled))
                .isInstanceOfSatisfying(
                        JobFailedException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CANCELED));
        assertThatThrownBy(() -> client.jobs().fetchValue(id))
                .isInstanceOfSatisfying(
                        HearthClientException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(409));
    }

    @Test
    void aTimeoutLeavesTheJobRunning() {
        register("block-timeout", "testing.Block");

        assertThatThrownBy(() -> client.jobs()
                        .run(
                                "block-timeout",
                                new JobRequest(null, null, null, null, null, null),
                                Duration.ofMillis(300)))
                .isInstanceOfSatisfying(JobTimeoutException.class, e -> {
                    assertThat(e.job().status().state()).isIn(StatementState.PENDING, StatementState.RUNNING);
                    client.jobs().cancel(e.jobId());
                });
    }

    @Test
    void aFailedJobIsReturnedAndThrowsWhenItsResultIsRead() {
        register("fail-typed", "testing.Fail");

        JobResponse failed = client.jobs().run("fail-typed", Map.of());

        assertThat(failed.status().state()).isEqualTo(StatementState.FAILED);
        assertThatThrownBy(() -> client.jobs().value(failed)).isInstanceOfSatisfying(JobFailedException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.APPLICATION_FAILED);
            assertThat(e.error().orElseThrow().errorCode()).isEqualTo("JOB_FAILED");
            assertThat(e.getMessage()).isEqualTo("the testing job was told to fail");
        });
    }

    @Test
    void listsJobsPageByPage() {
        register("echo-list", "testing.Echo");
        String older =
                client.jobs().run("echo-list", Map.of("n", 1, "word", "a")).jobId();
        String newer =
                client.jobs().run("echo-list", Map.of("n", 2, "word", "b")).jobId();

        JobList first = client.jobs().list(StatementState.SUCCEEDED, 1, null);
        JobList second = client.jobs().list(StatementState.SUCCEEDED, 1, first.nextPageToken());

        assertThat(first.jobs()).extracting(JobSummary::jobId).containsExactly(newer);
        assertThat(first.nextPageToken()).isNotNull();
        assertThat(second.jobs()).extracting(JobSummary::jobId).containsExactly(older);
    }

    @Test
    void listsTheNamedObjectsJobsKeptOnAnEngine() {
        register("persist-objects", "testing.Persist");
        JobResponse job = client.jobs().run("persist-objects", Map.of("name", "numbers"));
        assertThat(client.jobs().value(job, String.class)).isEqualTo("numbers");
        String engineId = client.engines().list().get(0).engineId();

        List<NamedObjectInfo> objects = client.engines().objects(engineId).objects();

        assertThat(objects).extracting(NamedObjectInfo::name).contains("numbers");
        NamedObjectInfo numbers = objects.stream()
                .filter(object -> object.name().equals("numbers"))
                .findFirst()
                .orElseThrow();
        assertThat(numbers.kind()).isEqualTo("DATASET");
        assertThat(numbers.createdBy()).isEqualTo(job.jobId());
    }

    /** The value testing.Echo returns: its parameters. */
    record Echoed(int n, String word) {}

    private static FunctionInfo register(String name, String className) {
        return client.functions().register(new FunctionRequest(name, artifactId, className, null));
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the condition did not hold within 10s");
            }
            Thread.onSpinWait();
        }
    }
}
