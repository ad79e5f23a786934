package io.hearth.server.apidocs;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import java.util.Map;

/**
 * The component schemas of the REST contract, derived from hearth-api's records by victools
 * (JSON Schema 2020-12, OpenAPI 3.1's dialect) with the wire's rules (see {@code http.Json}):
 * snake_case names, enums by name, ISO-8601 instants, no unknown properties, reference fields
 * nullable (the mapper writes nulls), primitive ones required.
 */
final class ApiSchemas {
    static final String PREFIX = "#/components/schemas/";

    private final SchemaBuilder builder;

    ApiSchemas() {
        PropertyNamingStrategies.NamingBase snakeCase =
                (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                .with(Option.FLATTENED_ENUMS)
                .with(Option.ADDITIONAL_FIXED_TYPES)
                .with(Option.EXTRA_OPEN_API_FORMAT_VALUES)
                .without(Option.NONSTATIC_NONVOID_NONGETTER_METHODS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forFields()
                .withPropertyNameOverrideResolver(field -> snakeCase.translate(field.getName()))
                .withNullableCheck(field -> !field.getType().isPrimitive())
                .withRequiredCheck(field -> field.getType().isPrimitive());
        // maps (Spark conf, parameters) inline: they are no named type of the API
        config.forTypesInGeneral().withCustomDefinitionProvider(new CustomDefinitionProviderV2() {
            @Override
            public CustomDefinition provideCustomSchemaDefinition(
                    ResolvedType javaType, SchemaGenerationContext context) {
                if (!javaType.isInstanceOf(Map.class)) {
                    return null;
                }
                return new CustomDefinition(
                        context.createStandardDefinition(javaType, this),
                        CustomDefinition.INLINE_DEFINITION,
                        CustomDefinition.INCLUDING_ATTRIBUTES);
            }
        });
        this.builder = new SchemaGenerator(config.build()).buildMultipleSchemaDefinitions();
    }

    /** A reference to the schema of {@code type}, which then appears among the definitions. */
    ObjectNode reference(Class<?> type) {
        return builder.createSchemaReference(type);
    }

    /** Every schema referenced so far, by name; call once, after the last {@link #reference}. */
    ObjectNode definitions() {
        return builder.collectDefinitions("components/schemas");
    }
}
