package io.hearth.server.apidocs;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.HashMap;
import java.util.Map;

/**
 * The component schemas of the REST contract, derived from hearth-api's records by victools
 * (JSON Schema 2020-12, OpenAPI 3.1's dialect) with the wire's rules (see {@code http.Json}):
 * snake_case names, enums by name, ISO-8601 instants, no unknown properties, reference fields
 * nullable (the mapper writes nulls), primitive ones required.
 */
final class ApiSchemas {
    static final String PREFIX = "#/components/schemas/";
    private static final String NULLABLE = "-nullable";

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

    /**
     * Every schema referenced so far, by name; call once, after the last {@link #reference}. The
     * generator's "X-nullable" wrappers are written in place where used, as {@code anyOf: [X, null]},
     * so the list names each type of the API once.
     */
    ObjectNode definitions(ObjectNode document) {
        ObjectNode definitions = builder.collectDefinitions("components/schemas");
        Map<String, JsonNode> wrappers = new HashMap<>();
        definitions.properties().forEach(definition -> {
            String name = definition.getKey();
            String base = name.substring(0, Math.max(0, name.length() - NULLABLE.length()));
            if (name.endsWith(NULLABLE) && definitions.has(base)) {
                // the type before null: Swagger UI draws its examples from the first choice
                ObjectNode wrapper = definition.getValue().deepCopy();
                ArrayNode choices = wrapper.putArray("anyOf");
                choices.addObject().put("$ref", PREFIX + base);
                choices.addObject().put("type", "null");
                wrappers.put(PREFIX + name, wrapper);
            }
        });
        wrappers.keySet().forEach(reference -> definitions.remove(reference.substring(PREFIX.length())));
        inlineWrappers(document, wrappers);
        inlineWrappers(definitions, wrappers);
        return definitions;
    }

    private static void inlineWrappers(JsonNode node, Map<String, JsonNode> wrappers) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                JsonNode reference = value.get("$ref");
                if (value.size() == 1 && reference != null && wrappers.containsKey(reference.asText())) {
                    field.setValue(wrappers.get(reference.asText()).deepCopy());
                } else {
                    inlineWrappers(value, wrappers);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode reference = array.get(i).get("$ref");
                if (array.get(i).size() == 1 && reference != null && wrappers.containsKey(reference.asText())) {
                    array.set(i, wrappers.get(reference.asText()).deepCopy());
                } else {
                    inlineWrappers(array.get(i), wrappers);
                }
            }
        }
    }
}
