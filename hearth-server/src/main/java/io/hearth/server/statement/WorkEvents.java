package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.HearthException;
import io.hearth.api.event.EventType;
import io.hearth.api.event.ResourceKind;
import io.hearth.api.statement.ChunkInfo;
import io.hearth.api.statement.Progress;
import io.hearth.api.statement.ResultManifest;
import io.hearth.protocol.v1.LogLine;
import io.hearth.server.event.EventDraft;
import io.hearth.server.event.EventsConfig;
import io.hearth.server.event.Outbox;
import io.hearth.server.http.Json;
import io.hearth.server.result.ResultStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of running work that change no state: PROGRESS (at most one per {@code
 * events.progress-interval}), LOG (with {@code events.log.enabled}), and the inline first chunk a
 * SUCCEEDED event carries. These are best effort: a store that cannot take one does not fail the
 * work, whose state changes (and their events) are written by the repository.
 */
final class WorkEvents {
    private static final Logger log = LoggerFactory.getLogger(WorkEvents.class);
    private static final ObjectMapper MAPPER = Json.newMapper();

    private final Outbox outbox;
    private final ResultStore results;
    private final EventsConfig config;
    private final Clock clock;

    WorkEvents(Outbox outbox, ResultStore results, EventsConfig config, Clock clock) {
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.results = requireNonNull(results, "results is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The events of one run of one statement. */
    Run start(Statement statement) {
        return new Run(statement);
    }

    /**
     * The result's first chunk as JSON rows, or null when there are no rows or they take more than
     * {@code events.inline-max-bytes}.
     */
    InlineChunk firstChunk(Statement statement, ResultManifest manifest) {
        if (manifest.totalChunkCount() == 0 || config.inlineMaxBytes() == 0) {
            return null;
        }
        ChunkInfo info = manifest.chunks().get(0);
        BoundedBytes bytes = new BoundedBytes(config.inlineMaxBytes());
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(bytes)) {
            results.writeJsonRows(statement.id().value(), 0, generator);
        } catch (TooLarge e) {
            return null;
        } catch (IOException | UncheckedIOException | HearthException e) {
            log.warn("The SUCCEEDED event of {} goes without its first chunk: {}", statement.id(), e.toString());
            return null;
        }
        try {
            JsonNode rows = MAPPER.readTree(bytes.toByteArray());
            return new InlineChunk(info.chunkIndex(), info.rowOffset(), info.rowCount(), rows);
        } catch (IOException e) {
            log.warn("The SUCCEEDED event of {} goes without its first chunk: {}", statement.id(), e.toString());
            return null;
        }
    }

    final class Run {
        private final Statement statement;
        private Instant lastProgress;

        private Run(Statement statement) {
            this.statement = statement;
        }

        void progress(Progress progress) {
            Instant now = clock.instant();
            if (lastProgress != null && now.isBefore(lastProgress.plus(config.progressInterval()))) {
                return;
            }
            lastProgress = now;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("stages_completed", progress.stagesCompleted());
            data.put("stages_total", progress.stagesTotal());
            data.put("tasks_completed", progress.tasksCompleted());
            data.put("tasks_total", progress.tasksTotal());
            data.put("message", progress.message());
            append(EventType.PROGRESS, now, data);
        }

        void log(LogLine line) {
            if (!config.logEnabled()) {
                return;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("time", Instant.ofEpochMilli(line.getEpochMillis()));
            data.put("level", line.getLevel());
            data.put("message", line.getMessage());
            append(EventType.LOG, clock.instant(), data);
        }

        private void append(EventType type, Instant at, Map<String, Object> data) {
            try {
                outbox.append(new EventDraft(
                        statement.kind() == WorkKind.JOB ? ResourceKind.JOB : ResourceKind.STATEMENT,
                        statement.id().value(),
                        statement.owner(),
                        statement.externalId(),
                        statement.callbackUrl(),
                        type,
                        at,
                        data));
            } catch (RuntimeException e) {
                log.debug("A {} event of {} was not stored", type, statement.id(), e);
            }
        }
    }

    /** Collects bytes up to a limit and fails past it, so a large chunk is never rendered whole. */
    private static final class BoundedBytes extends ByteArrayOutputStream {
        private final long limit;

        BoundedBytes(long limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            check(1);
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            check(len);
            super.write(b, off, len);
        }

        private void check(int more) {
            if (count + (long) more > limit) {
                throw new TooLarge();
            }
        }
    }

    /** The rows passed the limit; not an error. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }
}
