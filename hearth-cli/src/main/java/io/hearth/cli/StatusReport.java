package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.StatementState;
import io.hearth.api.job.JobResponse;
import io.hearth.api.statement.Progress;
import io.hearth.api.statement.ResultManifest;
import io.hearth.api.statement.StatementResponse;
import io.hearth.api.statement.StatementStatus;
import java.io.PrintStream;

/**
 * What {@code hearth status} and {@code hearth jobs show} print of a statement or a job: {@code ID
 * STATE} first (scripts read that line), then its progress while it runs, and its result size or
 * value once it succeeded. Errors are not printed here: {@link ErrorReporter#ended} does that.
 */
final class StatusReport {
    private static final int VALUE_WIDTH = 200;

    private final PrintStream out;
    private final ObjectMapper mapper;

    StatusReport(PrintStream out, ObjectMapper mapper) {
        this.out = requireNonNull(out, "out is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    void statement(StatementResponse statement) {
        out.println(statement.statementId() + " " + statement.status().state());
        progressAndResult(statement.status(), statement.manifest());
    }

    void job(JobResponse job) {
        out.println(job.jobId() + " " + job.status().state());
        out.println("function: " + job.function());
        out.println("parameters: " + json(job.parameters()));
        progressAndResult(job.status(), job.manifest());
        if (job.manifest() == null && job.status().state() == StatementState.SUCCEEDED) {
            String value = json(job.value());
            out.println(
                    "value: " + (value.length() <= VALUE_WIDTH ? value : value.substring(0, VALUE_WIDTH - 3) + "..."));
        }
    }

    private void progressAndResult(StatementStatus status, ResultManifest manifest) {
        Progress progress = status.progress();
        if (progress != null && progress.tasksTotal() > 0) {
            out.printf(
                    "progress: %d/%d tasks, %d/%d stages%s%n",
                    progress.tasksCompleted(),
                    progress.tasksTotal(),
                    progress.stagesCompleted(),
                    progress.stagesTotal(),
                    progress.message() == null ? "" : ", " + progress.message());
        } else if (progress != null && progress.message() != null) {
            out.println("progress: " + progress.message());
        }
        if (manifest != null) {
            out.printf(
                    "result: %d rows in %d chunks, %d bytes%s%n",
                    manifest.totalRowCount(),
                    manifest.totalChunkCount(),
                    manifest.totalByteCount(),
                    manifest.truncated() ? " (truncated)" : "");
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
