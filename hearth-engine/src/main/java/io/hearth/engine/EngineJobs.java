package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.protocol.v1.DescribeFunctionRequest;
import io.hearth.protocol.v1.DescribeFunctionResponse;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.ListObjectsResponse;
import java.time.Clock;
import org.apache.spark.sql.SparkSession;

/** The engine's jobs: describing job classes, running jobs, and the named objects they keep. */
final class EngineJobs implements AutoCloseable {
    private final JobClasses classes;
    private final NamedObjects objects;
    private final Clock clock;
    private final JobSchemas schemas = new JobSchemas();
    private final ObjectMapper json = JobJson.newMapper();

    EngineJobs(JobClasses classes, NamedObjects objects, Clock clock) {
        this.classes = requireNonNull(classes, "classes is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Loads and checks a job class, and derives its parameters' JSON Schema. */
    DescribeFunctionResponse describe(DescribeFunctionRequest request) throws InvalidJobException {
        LoadedJob job = classes.load(request.getArtifactPath(), request.getArtifactSha256(), request.getClassName());
        String schema;
        try {
            schema = schemas.schemaOf(job.parametersType());
        } catch (RuntimeException | LinkageError e) {
            throw new InvalidJobException("no JSON Schema could be derived from the parameters of "
                    + job.jobClass().getName() + ": " + e);
        }
        return DescribeFunctionResponse.newBuilder()
                .setParametersSchemaJson(schema)
                .setResultType(job.resultType())
                .build();
    }

    ListObjectsResponse listObjects() {
        return objects.list();
    }

    EngineWork execution(
            SparkSession spark,
            ExecuteStatementRequest request,
            RunningStatement statement,
            StatementEventStream events,
            ResultStreamer results) {
        return new JobExecution(spark, classes, objects, json, clock, request, statement, events, results);
    }

    @Override
    public void close() {
        classes.close();
    }
}
