package io.hearth.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.hearth.api.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks job parameters against a function's JSON Schema (draft 2020-12) and lists every problem,
 * each with a JSON Pointer to the parameter it is about.
 */
final class ParameterValidator {
    /** Compiled schemas by their text; functions are few, and a bound keeps a flood of them harmless. */
    private static final int MAX_CACHED_SCHEMAS = 1000;

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    List<FieldError> validate(String schemaJson, JsonNode parameters) {
        Schema schema = schemas.get(schemaJson);
        if (schema == null) {
            if (schemas.size() >= MAX_CACHED_SCHEMAS) {
                schemas.clear();
            }
            schema = registry.getSchema(schemaJson);
            schemas.put(schemaJson, schema);
        }
        List<FieldError> errors = new ArrayList<>();
        // qualified: networknt's Error would hide java.lang.Error in this file
        for (com.networknt.schema.Error error : schema.validate(parameters)) {
            errors.add(new FieldError(pointer(error), error.getMessage()));
        }
        return errors;
    }

    /** Where the error is; for a missing or unexpected property, that property rather than its object. */
    private static String pointer(com.networknt.schema.Error error) {
        StringBuilder pointer = new StringBuilder();
        NodePath location = error.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(location.getElement(i))));
        }
        String keyword = error.getKeyword();
        if (error.getProperty() != null && ("required".equals(keyword) || "additionalProperties".equals(keyword))) {
            pointer.append('/').append(escape(error.getProperty()));
        }
        return pointer.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
