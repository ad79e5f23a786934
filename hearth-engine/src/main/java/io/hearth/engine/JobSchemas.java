package io.hearth.engine;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import java.util.Optional;

/**
 * Derives the JSON Schema (draft 2020-12) of a job's parameter record: one property per component,
 * named in snake_case, required unless it is an {@link Optional}, and no other properties.
 */
final class JobSchemas {
    private final SchemaGenerator generator;

    JobSchemas() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                .with(Option.FLATTENED_ENUMS)
                .with(Option.FLATTENED_OPTIONALS)
                .without(Option.NONSTATIC_NONVOID_NONGETTER_METHODS);
        config.forFields()
                .withRequiredCheck(field -> !field.getType().isInstanceOf(Optional.class))
                .withPropertyNameOverrideResolver(field -> JobJson.parameterName(field.getName()));
        this.generator = new SchemaGenerator(config.build());
    }

    /** The schema of a parameter record, as JSON text. */
    String schemaOf(Class<? extends Record> parameters) {
        return generator.generateSchema(parameters).toString();
    }
}
