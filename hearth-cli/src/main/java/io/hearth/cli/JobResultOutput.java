package io.hearth.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.hearth.api.job.JobResponse;
import io.hearth.client.Jobs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Writes a SUCCEEDED job's result: a Dataset exactly as {@code hearth sql} writes a result (table,
 * CSV, JSON Lines, Arrow, chunk by chunk); a value as JSON, indented for a person, or on one line
 * with {@code --format json}. A value has no rows, so CSV and Arrow write it as JSON too, saying so
 * on stderr.
 */
final class JobResultOutput {
    private final Jobs jobs;
    private final ObjectMapper mapper;
    private final int maxColumnWidth;
    private final PrintStream err;

    JobResultOutput(Jobs jobs, ObjectMapper mapper, int maxColumnWidth, PrintStream err) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.maxColumnWidth = maxColumnWidth;
        this.err = requireNonNull(err, "err is null");
    }

    void write(JobResponse job, OutputFormat format, OutputStream out) throws IOException {
        if (job.manifest() != null) {
            new ResultOutput(maxColumnWidth).write(jobs.result(job), format, out);
            return;
        }
        JsonNode value = jobs.value(job);
        ObjectWriter writer = mapper.writer();
        switch (format) {
            case JSON -> {}
            case TABLE -> writer = mapper.writerWithDefaultPrettyPrinter();
            case CSV, ARROW, BSON ->
                err.println("hearth: job " + job.jobId() + " returned a value, not rows: it is written as JSON");
        }
        out.write(writer.writeValueAsBytes(value));
        out.write(System.lineSeparator().getBytes(UTF_8));
        out.flush();
    }
}
