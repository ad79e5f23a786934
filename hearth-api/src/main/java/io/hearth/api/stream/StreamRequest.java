package io.hearth.api.stream;

/**
 * {@code POST /v1/streams}: start a long-running Structured Streaming query in an engine of the
 * caller's (the one their statements in {@code context} run on).
 *
 * @param name a name for the stream, shown in listings (optional; letters, digits and {@code _})
 * @param source what the query reads (required)
 * @param statement SQL over the temp view {@code input}, the source (required), such as {@code
 *     SELECT value % 10 AS key, count(*) AS n FROM input GROUP BY key}
 * @param sink where the query writes (required)
 * @param trigger when micro-batches run (optional: one after the other)
 * @param checkpoint the folder Spark keeps the query's offsets and state in, on the engine's file
 *     system (optional: {@code <data-dir>/checkpoints/<stream id>}); a restarted stream resumes
 *     from it
 * @param context the context whose engine runs the stream (optional: {@code default})
 * @param externalId the client's own id for the request, echoed in every event of the stream
 * @param callbackUrl an http(s) URL the stream's events are POSTed to (webhooks)
 */
public record StreamRequest(
        String name,
        StreamSource source,
        String statement,
        StreamSink sink,
        StreamTrigger trigger,
        String checkpoint,
        String context,
        String externalId,
        String callbackUrl) {}
