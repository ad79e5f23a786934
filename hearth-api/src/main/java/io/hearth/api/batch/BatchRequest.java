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
 */
public record BatchRequest(String artifactId, String className, List<String> args, Map<String, String> conf) {}
