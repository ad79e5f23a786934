package io.hearth.server.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterValidatorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** As the engine derives it from a record with an int, an enum, a nested record and an Optional. */
    private static final String SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "properties": {
               "min_count": {"type": "integer"},
               "function": {"type": "string", "enum": ["SUM", "AVG"]},
               "inner": {"type": "object", "properties": {"label": {"type": "string"}},
                         "required": ["label"], "additionalProperties": false},
               "note": {"type": ["string", "null"]}},
             "required": ["min_count", "function", "inner"], "additionalProperties": false}""";

    private final ParameterValidator validator = new ParameterValidator();

    @Test
    void acceptsParametersThatFit() {
        assertThat(validator.validate(
                        SCHEMA, json("{\"min_count\": 2, \"function\": \"SUM\", \"inner\": {\"label\": \"x\"}}")))
                .isEmpty();
        assertThat(
                        validator.validate(
                                SCHEMA,
                                json(
                                        "{\"min_count\": 2, \"function\": \"AVG\", \"inner\": {\"label\": \"x\"}, \"note\": null}")))
                .isEmpty();
    }

    @Test
    void pointsAtEachBadParameter() {
        List<FieldError> errors = validator.validate(
                SCHEMA, json("{\"min_count\": 2.5, \"function\": \"MEDIAN\", \"inner\": {}, \"other\": 1}"));

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("/min_count", "/function", "/inner/label", "/other");
        assertThat(errors).allSatisfy(error -> assertThat(error.message()).isNotBlank());
        assertThat(errors.stream().filter(error -> error.field().equals("/function")))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).contains("SUM"));
    }

    @Test
    void reportsMissingParametersByName() {
        assertThat(validator.validate(SCHEMA, json("{}")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("/min_count", "/function", "/inner");
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
