package io.hearth.server.apidocs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.api.ErrorCode;
import io.hearth.api.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Builds the OpenAPI 3.1 document of the REST API from {@link ApiOperations} (paths) and
 * hearth-api's records (component schemas, via {@link ApiSchemas}).
 */
public final class OpenApiDocument {
    static final String PROBLEM_TYPE = "application/problem+json";
    private static final String PROBLEM_PREFIX = "Problem";

    private OpenApiDocument() {}

    /** The document as JSON bytes, ready to serve. */
    public static byte[] build(ObjectMapper mapper) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree(mapper));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document could not be written", e);
        }
    }

    static ObjectNode tree(ObjectMapper mapper) {
        ApiSchemas schemas = new ApiSchemas();
        List<ApiOperation> operations = ApiOperations.all();
        ObjectNode root = mapper.createObjectNode();
        root.put("openapi", "3.1.1");
        ObjectNode info = root.putObject("info");
        info.put("title", "Hearth REST API");
        info.put("version", projectVersion());
        info.put(
                "description",
                "Spark as a Service: SQL statements, sessions, jobs, batches, streams and their events."
                        + " Bodies are JSON with snake_case fields; every error is RFC 9457"
                        + " application/problem+json with a stable error_code. See docs/api.md.");
        info.putObject("license").put("name", "Apache-2.0").put("identifier", "Apache-2.0");
        root.putArray("servers").addObject().put("url", "/");
        root.putArray("security").add(requirement(mapper, "basic")).add(requirement(mapper, "bearer"));
        ObjectNode paths = root.putObject("paths");
        TreeSet<Integer> problemStatuses = new TreeSet<>();
        for (ApiOperation operation : operations) {
            ObjectNode pathItem = paths.has(operation.path)
                    ? (ObjectNode) paths.get(operation.path)
                    : paths.putObject(operation.path);
            pathItem.set(
                    operation.method.toLowerCase(Locale.ROOT), operation(mapper, schemas, operation, problemStatuses));
        }
        schemas.reference(Problem.class);
        schemas.reference(ApiOperations.EVENT_TYPE);
        ObjectNode components = root.putObject("components");
        components.set("schemas", schemas.definitions(root));
        ObjectNode responses = components.putObject("responses");
        for (int status : problemStatuses) {
            responses.set(PROBLEM_PREFIX + status, problemResponse(mapper, status));
        }
        ObjectNode securitySchemes = components.putObject("securitySchemes");
        securitySchemes
                .putObject("basic")
                .put("type", "http")
                .put("scheme", "basic")
                .put("description", "a user of the users file or LDAP (auth.methods basic, ldap)");
        securitySchemes
                .putObject("bearer")
                .put("type", "http")
                .put("scheme", "bearer")
                .put("description", "an API token (hth_..., POST /v1/tokens) or a JWT (auth.methods token, jwt)");
        return root;
    }

    private static ObjectNode operation(
            ObjectMapper mapper, ApiSchemas schemas, ApiOperation operation, TreeSet<Integer> problemStatuses) {
        ObjectNode node = mapper.createObjectNode();
        node.putArray("tags").add(operation.tag);
        node.put("summary", operation.summary);
        if (operation.description != null) {
            node.put("description", operation.description);
        }
        node.put("operationId", operationId(operation));
        if (operation.open) {
            // served without credentials: an empty requirement list overrides the document's
            node.putArray("security");
        }
        ArrayNode parameters = mapper.createArrayNode();
        for (String name : operation.pathParameters()) {
            ObjectNode parameter =
                    parameters.addObject().put("name", name).put("in", "path").put("required", true);
            parameter.putObject("schema").put("type", name.endsWith("_index") ? "integer" : "string");
        }
        for (ApiOperation.Parameter query : operation.parameters) {
            ObjectNode parameter = parameters
                    .addObject()
                    .put("name", query.name())
                    .put("in", query.in())
                    .put("description", query.description());
            ObjectNode schema = parameter.putObject("schema").put("type", query.type());
            if (!query.values().isEmpty()) {
                ArrayNode values = schema.putArray("enum");
                query.values().forEach(values::add);
            }
        }
        if (!parameters.isEmpty()) {
            node.set("parameters", parameters);
        }
        if (operation.requestBody != null || !operation.alternativeBodies.isEmpty()) {
            ObjectNode body = node.putObject("requestBody").put("required", operation.bodyRequired);
            ObjectNode content = body.putObject("content");
            if (operation.requestBody != null) {
                addContent(mapper, schemas, content, operation.requestBody);
            }
            for (ApiOperation.Content alternative : operation.alternativeBodies) {
                addContent(mapper, schemas, content, alternative);
            }
        }
        ObjectNode responses = node.putObject("responses");
        for (ApiOperation.Answer answer : operation.answers) {
            ObjectNode response = responses.putObject(Integer.toString(answer.status()));
            response.put("description", answer.description());
            if (!answer.headers().isEmpty()) {
                ObjectNode headers = response.putObject("headers");
                for (String header : answer.headers()) {
                    headers.putObject(header).putObject("schema").put("type", "string");
                }
            }
            if (!answer.contents().isEmpty()) {
                ObjectNode content = response.putObject("content");
                answer.contents().forEach(each -> addContent(mapper, schemas, content, each));
            }
        }
        TreeSet<Integer> statuses = new TreeSet<>(operation.problems);
        if (!operation.open) {
            statuses.add(401);
        }
        statuses.add(500);
        for (int status : statuses) {
            problemStatuses.add(status);
            responses
                    .putObject(Integer.toString(status))
                    .put("$ref", "#/components/responses/" + PROBLEM_PREFIX + status);
        }
        return node;
    }

    private static void addContent(
            ObjectMapper mapper, ApiSchemas schemas, ObjectNode content, ApiOperation.Content body) {
        ObjectNode schema;
        if (body.type().isPresent()) {
            schema = schemas.reference(body.type().get());
        } else {
            try {
                schema = (ObjectNode) mapper.readTree(body.inlineSchema());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an inline schema is not JSON: " + body.inlineSchema(), e);
            }
        }
        content.putObject(body.mediaType()).set("schema", schema);
    }

    private static ObjectNode problemResponse(ObjectMapper mapper, int status) {
        StringBuilder codes = new StringBuilder();
        for (ErrorCode code : ErrorCode.values()) {
            if (code.httpStatus() == status) {
                codes.append(codes.length() == 0 ? "" : ", ").append(code.name());
            }
        }
        ObjectNode response = mapper.createObjectNode();
        response.put("description", "a problem; error_code " + (codes.length() == 0 ? "any" : "one of " + codes));
        if (status == 429 || status == 503) {
            response.putObject("headers")
                    .putObject("Retry-After")
                    .put("description", "seconds until trying again may help, where that can be known")
                    .putObject("schema")
                    .put("type", "integer");
        }
        if (status == 401) {
            response.putObject("headers")
                    .putObject("WWW-Authenticate")
                    .put("description", "a challenge per configured method")
                    .putObject("schema")
                    .put("type", "string");
        }
        response.putObject("content")
                .putObject(PROBLEM_TYPE)
                .putObject("schema")
                .put("$ref", ApiSchemas.PREFIX + "Problem");
        return response;
    }

    private static ObjectNode requirement(ObjectMapper mapper, String scheme) {
        ObjectNode requirement = mapper.createObjectNode();
        requirement.putArray(scheme);
        return requirement;
    }

    /** postStatement, getStatementsStatementIdResultChunksChunkIndex: unique per method and path. */
    private static String operationId(ApiOperation operation) {
        StringBuilder id = new StringBuilder(operation.method.toLowerCase(Locale.ROOT));
        for (String part : operation.path.split("[/{}_.]+")) {
            if (!part.isEmpty() && !part.equals("v1")) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }

    /** The project version, which the build writes into version.properties. */
    static String projectVersion() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
