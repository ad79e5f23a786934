package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.protocol.v1.CancelStatementRequest;
import io.hearth.protocol.v1.DescribeFunctionRequest;
import io.hearth.protocol.v1.DescribeFunctionResponse;
import io.hearth.protocol.v1.EngineServiceGrpc;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.JobInvocation;
import io.hearth.protocol.v1.ListObjectsRequest;
import io.hearth.protocol.v1.NamedObject;
import io.hearth.protocol.v1.StatementCompleted;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.protocol.v1.StatementFailed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs from a jar compiled at test time, described and run by a real local SparkSession behind the
 * real gRPC service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobExecutionIntegrationTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> SOURCES = Map.of(
            "testjobs.Echo",
            """
            package testjobs;
            import io.hearth.api.spi.*;
            import java.util.*;
            public final class Echo implements HearthJob<Echo.Parameters, Echo.Parameters> {
                public enum Color { RED, GREEN }
                public record Inner(String label) {}
                public record Parameters(int n, String word, long big, double ratio, boolean flag,
                        Optional<String> note, Color color, List<Long> values, Map<String, Integer> weights,
                        Inner inner, Optional<Integer> minCount) {}
                public Parameters run(JobContext context, Parameters parameters) {
                    context.logger().info("echoing " + parameters.word());
                    context.logger().warn("careful");
                    context.progress("half way");
                    return parameters;
                }
            }
            """,
            "testjobs.Rows",
            """
            package testjobs;
            import io.hearth.api.spi.*;
            import org.apache.spark.sql.*;
            public final class Rows implements HearthJob<Rows.Parameters, Dataset<Row>> {
                public record Parameters(long n) {}
                public Dataset<Row> run(JobContext context, Parameters parameters) {
                    return context.spark().range(parameters.n()).toDF();
                }
            }
            """,
            "testjobs.Fail",
            """
            package testjobs;
            import io.hearth.api.spi.*;
            public final class Fail implements HearthJob<NoParameters, Long> {
                public Long run(JobContext context, NoParameters parameters) {
                    throw new IllegalStateException("the input is not there");
                }
            }
            """,
            "testjobs.Block",
            """
            package testjobs;
            import io.hearth.api.spi.*;
            public final class Block implements HearthJob<Block.Parameters, Long> {
                public record Parameters(boolean spark) {}
                public Long run(JobContext context, Parameters parameters) throws Exception {
                    context.logger().info("blocking");
                    if (parameters.spark()) {
                        return (long) context.spark().range(0, 1_000_000_000_000L, 1, 2)
                                .selectExpr("sha2(cast(id as string), 256) as h").where("h = 'x'")
                                .collectAsList().size();
                    }
                    while (true) {
                        context.checkCanceled();
                        Thread.sleep(10);
                    }
                }
            }
            """,
            "testjobs.Persist",
            """
            package testjobs;
            import io.hearth.api.spi.*;
            public final class Persist implements HearthJob<Persist.Parameters, String> {
                public record Parameters(String name, long n) {}
                public String run(JobContext context, Parameters parameters) {
                    context.persist(parameters.name(), context.spark().range(parameters.n()).toDF());
                    return parameters.name();
                }
            }
            """,
            "testjobs.Count",
            """
            package testjobs;
            import io.hearth.api.spi.*;
            public final class Count implements HearthJob<Count.Parameters, Long> {
                public record Parameters(String name) {}
                public Long run(JobContext context, Parameters parameters) {
                    return context.find(parameters.name()).map(d -> d.count()).orElse(-1L);
                }
            }
            """,
            "testjobs.NotAJob",
            """
            package testjobs;
            public final class NotAJob {}
            """,
            "testjobs.GenericBase",
            """
            package testjobs;
            import io.hearth.api.spi.*;
            public abstract class GenericBase<P extends Record> implements HearthJob<P, Long> {
                public Long run(JobContext context, P parameters) { return 1L; }
            }
            """,
            "testjobs.Unnamed",
            """
            package testjobs;
            public final class Unnamed extends GenericBase<Record> {}
            """,
            "testjobs.Opaque",
            """
            package testjobs;
            import io.hearth.api.spi.*;
            public final class Opaque implements HearthJob<NoParameters, Object> {
                public Object run(JobContext context, NoParameters parameters) { return new Object(); }
            }
            """);

    @TempDir
    static Path directory;

    private final AtomicInteger ids = new AtomicInteger();
    private TestingEngineStack stack;
    private SparkSession spark;
    private BufferAllocator allocator;
    private EngineServiceGrpc.EngineServiceBlockingStub engine;
    private Path jar;
    private String sha256;

    @BeforeAll
    void startEngine() throws Exception {
        jar = JobJars.compile(directory, "jobs", SOURCES);
        sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        stack = TestingEngineStack.start(TestingSpark.session());
        spark = stack.spark();
        allocator = stack.allocator();
        engine = stack.engine();
    }

    @AfterAll
    void stopEngine() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void describesAJobWithTheSchemaOfItsParameterRecord() throws Exception {
        DescribeFunctionResponse described = describe("testjobs.Echo");

        JsonNode schema = MAPPER.readTree(described.getParametersSchemaJson());
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("type").asText()).isEqualTo("object");
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        JsonNode properties = schema.get("properties");
        assertThat(properties.at("/n/type").asText()).isEqualTo("integer");
        assertThat(properties.at("/big/type").asText()).isEqualTo("integer");
        assertThat(properties.at("/ratio/type").asText()).isEqualTo("number");
        assertThat(properties.at("/flag/type").asText()).isEqualTo("boolean");
        assertThat(properties.at("/word/type").asText()).isEqualTo("string");
        assertThat(properties.at("/note/type"))
                .as("an Optional may be absent or null: %s", schema)
                .extracting(JsonNode::asText)
                .containsExactly("string", "null");
        assertThat(properties.at("/color/enum")).extracting(JsonNode::asText).containsExactly("RED", "GREEN");
        assertThat(properties.at("/values/type").asText()).isEqualTo("array");
        assertThat(properties.at("/values/items/type").asText()).isEqualTo("integer");
        assertThat(properties.at("/weights/type").asText()).isEqualTo("object");
        assertThat(properties.at("/weights/additionalProperties/type").asText()).isEqualTo("integer");
        assertThat(properties.at("/inner/properties/label/type").asText()).isEqualTo("string");
        assertThat(properties.at("/inner/additionalProperties").asBoolean(true)).isFalse();
        assertThat(properties.has("min_count"))
                .as("snake_case names: %s", schema)
                .isTrue();
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(name -> required.add(name.asText()));
        assertThat(required)
                .containsExactlyInAnyOrder("n", "word", "big", "ratio", "flag", "color", "values", "weights", "inner");
        assertThat(described.getResultType()).isEqualTo("testjobs.Echo$Parameters");
        assertThat(describe("testjobs.Rows").getResultType())
                .isEqualTo("org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>");
        assertThat(MAPPER.readTree(describe("testjobs.Fail").getParametersSchemaJson())
                        .get("properties"))
                .isNullOrEmpty();
    }

    @Test
    void refusesClassesThatAreNotUsableJobsWithTheReason() {
        assertThat(describeError("testjobs.Missing")).contains("testjobs.Missing was not found in the artifact");
        assertThat(describeError("testjobs.NotAJob")).contains("does not implement io.hearth.api.spi.HearthJob");
        assertThat(describeError("testjobs.GenericBase")).contains("is abstract");
        assertThat(describeError("testjobs.Unnamed")).contains("without naming its parameter record");
        assertThatThrownBy(() -> engine.describeFunction(DescribeFunctionRequest.newBuilder()
                        .setArtifactPath(directory.resolve("nope.jar").toString())
                        .setArtifactSha256("00")
                        .setClassName("testjobs.Echo")
                        .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getDescription()).contains("cannot be read"));
    }

    @Test
    void runsAValueJobWithItsParametersLogLinesAndProgress() throws Exception {
        List<StatementEvent> events = execute(job("testjobs.Echo", """
                {"n": 3, "word": "hi", "big": 12345678901, "ratio": 0.5, "flag": true, "color": "GREEN",
                 "values": [1, 2], "weights": {"a": 1}, "inner": {"label": "x"}, "min_count": 2}"""));

        StatementCompleted completed = completed(events);
        assertThat(completed.getHasValue()).isTrue();
        JsonNode value = MAPPER.readTree(completed.getValueJson());
        assertThat(value.get("n").asInt()).isEqualTo(3);
        assertThat(value.get("big").asLong()).isEqualTo(12345678901L);
        assertThat(value.get("min_count").asInt()).isEqualTo(2);
        assertThat(value.get("note").isNull()).isTrue();
        assertThat(value.at("/inner/label").asText()).isEqualTo("x");
        assertThat(events.stream()
                        .filter(StatementEvent::hasLog)
                        .map(event ->
                                event.getLog().getLevel() + " " + event.getLog().getMessage()))
                .containsExactly("INFO echoing hi", "WARN careful");
        assertThat(events.stream()
                        .filter(StatementEvent::hasProgress)
                        .map(event -> event.getProgress().getMessage()))
                .containsExactly("half way");
        assertThat(events.stream().filter(event -> event.hasSchema() || event.hasBatch()))
                .isEmpty();
    }

    @Test
    void runsADatasetJobThroughTheResultPathWithTheRowLimit() throws Exception {
        List<StatementEvent> events = execute(job("testjobs.Rows", "{\"n\": 2500}"));
        assertThat(events.get(1).getSchema().getColumnsList())
                .extracting(column -> column.getName() + " " + column.getType())
                .containsExactly("id BIGINT");
        assertThat(completed(events).getRowCount()).isEqualTo(2500);
        assertThat(completed(events).getHasValue()).isFalse();
        long sum = ArrowStreams.readBatches(allocator, events, root -> {
                    BigIntVector id = (BigIntVector) root.getVector("id");
                    long total = 0;
                    for (int row = 0; row < root.getRowCount(); row++) {
                        total += id.get(row);
                    }
                    return total;
                })
                .stream()
                .mapToLong(Long::longValue)
                .sum();
        assertThat(sum).isEqualTo(2499L * 2500 / 2);

        ExecuteStatementRequest limited = ExecuteStatementRequest.newBuilder(job("testjobs.Rows", "{\"n\": 2500}"))
                .setRowLimit(10)
                .build();
        StatementCompleted cut = completed(execute(limited));
        assertThat(cut.getRowCount()).isEqualTo(10);
        assertThat(cut.getTruncated()).isTrue();
    }

    @Test
    void failsJobsWithTheirReason() {
        StatementFailed thrown = failed(execute(job("testjobs.Fail", "{}")));
        assertThat(thrown.getErrorClass()).isEqualTo("JOB_FAILED");
        assertThat(thrown.getMessage()).isEqualTo("the input is not there");

        StatementFailed unbound = failed(execute(job("testjobs.Rows", "{\"n\": \"many\"}")));
        assertThat(unbound.getErrorClass()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(unbound.getMessage()).contains("Parameters").contains("many");

        StatementFailed opaque = failed(execute(job("testjobs.Opaque", "{}")));
        assertThat(opaque.getErrorClass()).isEqualTo("INVALID_JOB_RESULT");
        assertThat(opaque.getMessage()).contains("java.lang.Object").contains("cannot be written as JSON");

        StatementFailed missing = failed(execute(job("testjobs.Missing", "{}")));
        assertThat(missing.getErrorClass()).isEqualTo("INVALID_JOB");
    }

    @Test
    void cancelsAJobWaitingInItsOwnCodeAndOneRunningSparkJobs() throws Exception {
        for (String spark : List.of("false", "true")) {
            ExecuteStatementRequest request = job("testjobs.Block", "{\"spark\": " + spark + "}");
            Iterator<StatementEvent> stream =
                    engine.withDeadlineAfter(60, TimeUnit.SECONDS).executeStatement(request);
            assertThat(stream.next().hasStarted()).isTrue();
            assertThat(stream.next().getLog().getMessage()).isEqualTo("blocking");
            if (spark.equals("true")) {
                // cancel a running Spark job, not one Spark is still planning
                awaitTrue(
                        Duration.ofSeconds(30),
                        () -> this.spark
                                        .sparkContext()
                                        .statusTracker()
                                        .getJobIdsForGroup(request.getStatementId())
                                        .length
                                > 0);
            }
            long cancelAt = System.nanoTime();
            assertThat(engine.cancelStatement(CancelStatementRequest.newBuilder()
                                    .setStatementId(request.getStatementId())
                                    .build())
                            .getWasRunning())
                    .isTrue();
            List<StatementEvent> rest = new ArrayList<>();
            stream.forEachRemaining(rest::add);
            assertThat(Duration.ofNanos(System.nanoTime() - cancelAt)).isLessThan(Duration.ofSeconds(20));
            StatementFailed canceled = failed(rest);
            assertThat(canceled.getCanceled())
                    .as("spark: %s, %s", spark, canceled)
                    .isTrue();
        }
    }

    @Test
    void keepsNamedObjectsBetweenJobsOnTheEngine() throws Exception {
        assertThat(MAPPER.readTree(completed(execute(job("testjobs.Count", "{\"name\": \"numbers\"}")))
                                .getValueJson())
                        .asLong())
                .isEqualTo(-1);
        ExecuteStatementRequest persist = job("testjobs.Persist", "{\"name\": \"numbers\", \"n\": 42}");
        assertThat(completed(execute(persist)).getValueJson()).isEqualTo("\"numbers\"");

        assertThat(completed(execute(job("testjobs.Count", "{\"name\": \"numbers\"}")))
                        .getValueJson())
                .isEqualTo("42");
        List<NamedObject> objects =
                engine.listObjects(ListObjectsRequest.getDefaultInstance()).getObjectsList();
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).getName()).isEqualTo("numbers");
        assertThat(objects.get(0).getKind()).isEqualTo("DATASET");
        assertThat(objects.get(0).getType()).isEqualTo("STRUCT<id: BIGINT NOT NULL>");
        assertThat(objects.get(0).getCreatedBy()).isEqualTo(persist.getStatementId());
        assertThat(objects.get(0).getCreatedAtEpochMillis()).isPositive();
    }

    private DescribeFunctionResponse describe(String className) {
        return engine.describeFunction(DescribeFunctionRequest.newBuilder()
                .setArtifactPath(jar.toString())
                .setArtifactSha256(sha256)
                .setClassName(className)
                .build());
    }

    private String describeError(String className) {
        try {
            describe(className);
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            return e.getStatus().getDescription();
        }
        throw new AssertionError(className + " was described");
    }

    private ExecuteStatementRequest job(String className, String parametersJson) {
        return ExecuteStatementRequest.newBuilder()
                .setStatementId("job-" + ids.incrementAndGet())
                .setUser("tester")
                .setJob(JobInvocation.newBuilder()
                        .setArtifactPath(jar.toString())
                        .setArtifactSha256(sha256)
                        .setClassName(className)
                        .setParametersJson(parametersJson))
                .build();
    }

    private List<StatementEvent> execute(ExecuteStatementRequest request) {
        List<StatementEvent> events = new ArrayList<>();
        engine.withDeadlineAfter(60, TimeUnit.SECONDS).executeStatement(request).forEachRemaining(events::add);
        assertThat(events.get(0).hasStarted()).isTrue();
        return events;
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static StatementCompleted completed(List<StatementEvent> events) {
        StatementEvent last = events.get(events.size() - 1);
        assertThat(last.hasCompleted()).as("completed, but got %s", last).isTrue();
        return last.getCompleted();
    }

    private static StatementFailed failed(List<StatementEvent> events) {
        StatementEvent last = events.get(events.size() - 1);
        assertThat(last.hasFailed()).as("failed, but got %s", last).isTrue();
        return last.getFailed();
    }
}
