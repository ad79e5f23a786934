package io.hearth.testing;

import io.grpc.stub.StreamObserver;
import io.hearth.protocol.v1.DescribeFunctionResponse;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.JobInvocation;
import io.hearth.protocol.v1.LogLine;
import io.hearth.protocol.v1.NamedObject;
import io.hearth.protocol.v1.StatementCompleted;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.protocol.v1.StatementProgress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The testing engine's fake job classes (listed in {@link TestingEngine}'s Javadoc) and named objects. */
final class TestingJobs {
    private static final String NO_PARAMETERS_SCHEMA = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
            + "\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}";
    private static final Map<String, String> SCHEMAS = Map.of(
            "testing.Echo",
            "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                    + "\"properties\":{\"n\":{\"type\":\"integer\"},\"word\":{\"type\":\"string\"}},"
                    + "\"required\":[\"n\",\"word\"],\"additionalProperties\":false}",
            "testing.Rows",
            "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                    + "\"properties\":{\"rows\":{\"type\":\"integer\",\"minimum\":0}},"
                    + "\"required\":[\"rows\"],\"additionalProperties\":false}",
            "testing.Fail",
            NO_PARAMETERS_SCHEMA,
            "testing.Block",
            NO_PARAMETERS_SCHEMA,
            "testing.Persist",
            "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                    + "\"properties\":{\"name\":{\"type\":\"string\"}},"
                    + "\"required\":[\"name\"],\"additionalProperties\":false}");
    private static final Map<String, String> RESULT_TYPES = Map.of(
            "testing.Echo", "testing.Echo$Parameters",
            "testing.Rows", "org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>",
            "testing.Fail", "java.lang.Long",
            "testing.Block", "java.lang.Long",
            "testing.Persist", "java.lang.String");

    private final Map<String, NamedObject> objects = new ConcurrentHashMap<>();

    /** The fake class's schema and result type; empty for a class the fake does not know. */
    Optional<DescribeFunctionResponse> describe(String className) {
        String schema = SCHEMAS.get(className);
        if (schema == null) {
            return Optional.empty();
        }
        return Optional.of(DescribeFunctionResponse.newBuilder()
                .setParametersSchemaJson(schema)
                .setResultType(RESULT_TYPES.get(className))
                .build());
    }

    List<NamedObject> objects() {
        return List.copyOf(objects.values());
    }

    /** Runs a fake job; {@code streamRows} streams that many rows of {@code id} as a Dataset result. */
    void run(
            ExecuteStatementRequest request,
            StreamObserver<StatementEvent> events,
            CountDownLatch cancel,
            LongConsumer streamRows)
            throws InterruptedException {
        JobInvocation job = request.getJob();
        String parameters = job.getParametersJson();
        switch (job.getClassName()) {
            case "testing.Echo" -> {
                log(events, "INFO", "echo " + stringParameter(parameters, "word"));
                events.onNext(StatementEvent.newBuilder()
                        .setProgress(StatementProgress.newBuilder().setMessage("echoing"))
                        .build());
                value(events, parameters);
            }
            case "testing.Rows" -> streamRows.accept(Long.parseLong(numberParameter(parameters, "rows")));
            case "testing.Fail" ->
                TestingEngine.failed(events, "JOB_FAILED", "", "the testing job was told to fail", false);
            case "testing.Block" -> {
                log(events, "INFO", "blocking");
                events.onNext(StatementEvent.newBuilder()
                        .setProgress(StatementProgress.newBuilder().setMessage("waiting to be canceled"))
                        .build());
                cancel.await();
                TestingEngine.failed(events, "CANCELED", "", "the statement was canceled", true);
            }
            case "testing.Persist" -> {
                String name = stringParameter(parameters, "name");
                objects.put(
                        name,
                        NamedObject.newBuilder()
                                .setName(name)
                                .setKind("DATASET")
                                .setType("STRUCT<id: BIGINT NOT NULL>")
                                .setCreatedAtEpochMillis(System.currentTimeMillis())
                                .setCreatedBy(request.getStatementId())
                                .build());
                value(events, "\"" + name + "\"");
            }
            default ->
                TestingEngine.failed(
                        events, "INVALID_JOB", "", "class " + job.getClassName() + " was not found", false);
        }
    }

    private static void log(StreamObserver<StatementEvent> events, String level, String message) {
        events.onNext(StatementEvent.newBuilder()
                .setLog(LogLine.newBuilder()
                        .setEpochMillis(System.currentTimeMillis())
                        .setLevel(level)
                        .setMessage(message))
                .build());
    }

    private static void value(StreamObserver<StatementEvent> events, String json) {
        events.onNext(StatementEvent.newBuilder()
                .setCompleted(StatementCompleted.newBuilder().setHasValue(true).setValueJson(json))
                .build());
        events.onCompleted();
    }

    /** The fake jobs' parameters are flat and simple: a pattern reads them without a JSON library. */
    private static String stringParameter(String json, String name) {
        Matcher matcher =
                Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String numberParameter(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return matcher.find() ? matcher.group(1) : "0";
    }
}
