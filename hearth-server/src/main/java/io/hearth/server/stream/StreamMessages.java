package io.hearth.server.stream;

import io.hearth.api.stream.StreamProgress;
import io.hearth.protocol.v1.StartStreamRequest;
import io.hearth.protocol.v1.StreamBatchProgress;
import io.hearth.protocol.v1.StreamSink;
import io.hearth.protocol.v1.StreamSource;
import java.time.Instant;

/** A stream in the engine protocol's words, and the engine's progress in the API's. */
final class StreamMessages {
    private StreamMessages() {}

    static StartStreamRequest request(Stream stream) {
        StreamSpec spec = stream.spec();
        StreamSource.Builder source = StreamSource.newBuilder()
                .setFormat(spec.source().format())
                .putAllOptions(spec.source().options());
        if (spec.source().path() != null) {
            source.setPath(spec.source().path());
        }
        if (spec.source().fileFormat() != null) {
            source.setFileFormat(spec.source().fileFormat());
        }
        if (spec.source().schema() != null) {
            source.setSchemaDdl(spec.source().schema());
        }
        StreamSink.Builder sink = StreamSink.newBuilder()
                .setFormat(spec.sink().format())
                .putAllOptions(spec.sink().options());
        if (spec.sink().name() != null) {
            sink.setName(spec.sink().name());
        }
        if (spec.sink().path() != null) {
            sink.setPath(spec.sink().path());
        }
        if (spec.sink().fileFormat() != null) {
            sink.setFileFormat(spec.sink().fileFormat());
        }
        StartStreamRequest.Builder request = StartStreamRequest.newBuilder()
                .setStreamId(stream.id().value())
                .setUser(stream.owner())
                .setSource(source)
                .setSql(spec.statement())
                .setSink(sink)
                .setOutputMode(spec.sink().outputMode())
                .setProcessingTimeMillis(spec.processingTimeMillis())
                .setAvailableNow(spec.availableNow())
                .setCheckpointLocation(spec.checkpoint());
        if (spec.queryName() != null) {
            request.setQueryName(spec.queryName());
        }
        return request.build();
    }

    static StreamProgress progress(StreamBatchProgress progress) {
        return new StreamProgress(
                progress.getBatchId(),
                Instant.ofEpochMilli(progress.getTimestampEpochMillis()),
                progress.getNumInputRows(),
                progress.getInputRowsPerSecond(),
                progress.getProcessedRowsPerSecond(),
                progress.getBatchDurationMillis(),
                progress.getNumOutputRows());
    }
}
