package io.hearth.server.batch;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.batch.BatchRequest;
import io.hearth.server.event.EventTargets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a batch request, naming the field that is wrong. */
final class BatchRequests {
    static final int MAX_CLASS_NAME_LENGTH = 1024;
    private static final String IDENTIFIER = "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*";
    /** A binary class name: dotted identifiers, nested classes with {@code $}. */
    private static final Pattern BINARY_NAME = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")*");

    private BatchRequests() {}

    static void validate(BatchRequest request, EventTargets eventTargets) {
        eventTargets.validate(request.externalId(), request.callbackUrl());
        if (request.artifactId() == null || request.artifactId().isBlank()) {
            throw HearthException.invalidField("artifact_id", "artifact_id is required: the id of an uploaded jar");
        }
        String className = request.className();
        if (className == null || className.isBlank()) {
            throw HearthException.invalidField(
                    "class_name", "class_name is required: the class whose main runs, such as com.example.App");
        }
        if (className.length() > MAX_CLASS_NAME_LENGTH
                || !BINARY_NAME.matcher(className).matches()) {
            throw HearthException.invalidField(
                    "class_name",
                    "class_name must be a Java class name such as com.example.App, not \"" + className + "\"");
        }
        List<String> args = request.args() == null ? List.of() : request.args();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) == null) {
                throw HearthException.invalidField("args[" + i + "]", "args must be strings; args[" + i + "] is null");
            }
        }
        Map<String, String> conf = request.conf() == null ? Map.of() : request.conf();
        conf.forEach((key, value) -> {
            if (!key.startsWith("spark.") || key.length() == "spark.".length()) {
                throw HearthException.aboutField(
                        ErrorCode.INVALID_PARAMETER_VALUE,
                        "conf keys must be Spark settings starting with \"spark.\", not \"" + key + "\"",
                        "conf." + key);
            }
            if (value == null) {
                throw HearthException.aboutField(
                        ErrorCode.INVALID_PARAMETER_VALUE,
                        "conf values must be strings; " + key + " is null",
                        "conf." + key);
            }
        });
    }
}
