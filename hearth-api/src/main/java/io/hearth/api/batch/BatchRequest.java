package io.hearth.api.batch;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/batches}: run a Spark application's {@code main} from an uploaded jar.
 *
 * @param artifactId the caller's artifact holding the application (required)
 * @param className the class whose {@code main} runs, as a binary name such as {@code
 *     com.example.WordCount} (required)
 * @param args the arguments {@code main} receives (optional)
 * @param conf Spark configuration for the application; every key starts with {@code spark.}
 *     (optional)
 * @param externalId the client's own id for the request, echoed in every event of the batch
 * @param callbackUrl an http(s) URL the batch's events are POSTed to (webhooks)
 */
public record BatchRequest(
        String artifactId,
        String className,
        List<String> args,
        Map<String, String> conf,
        String externalId,
        String callbackUrl) {

    /** A request without event settings. */
    public BatchRequest(String artifactId, String className, List<String> args, Map<String, String> conf) {
        this(artifactId, className, args, conf, null, null);
    }
}
