package io.hearth.server.stream;

import io.hearth.api.event.EventType;
import io.hearth.api.event.ResourceKind;
import io.hearth.api.stream.StreamProgress;
import io.hearth.server.event.EventDraft;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The events of a stream's life (kind STREAM), with its owner, external id and callback URL. */
final class StreamEvents {
    private StreamEvents() {}

    static EventDraft draft(Stream stream, EventType type, Instant time, Map<String, Object> data) {
        return new EventDraft(
                ResourceKind.STREAM,
                stream.id().value(),
                stream.owner(),
                stream.externalId(),
                stream.callbackUrl(),
                type,
                time,
                data);
    }

    static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return data;
    }

    /** A micro-batch as a PROGRESS event's data. */
    static Map<String, Object> progress(StreamProgress progress) {
        return data(
                "batch_id", progress.batchId(),
                "timestamp", progress.timestamp().toString(),
                "num_input_rows", progress.numInputRows(),
                "input_rows_per_second", progress.inputRowsPerSecond(),
                "processed_rows_per_second", progress.processedRowsPerSecond(),
                "batch_duration_ms", progress.batchDurationMs(),
                "num_output_rows", progress.numOutputRows());
    }
}
