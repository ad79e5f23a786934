package io.hearth.server.apidocs;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One documented route: what the contract says about {@code method path}. Built with the small
 * fluent methods below so that {@link ApiOperations} reads as a table.
 */
final class ApiOperation {
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([a-z_]+)}");

    /** A parameter (path, query or header) with a JSON Schema type and, for enums, its values. */
    record Parameter(String name, String in, String type, String description, List<String> values) {
        Parameter {
            values = List.copyOf(values);
        }

        static Parameter query(String name, String type, String description) {
            return new Parameter(name, "query", type, description, List.of());
        }

        static Parameter header(String name, String description) {
            return new Parameter(name, "header", "string", description, List.of());
        }

        static <E extends Enum<E>> Parameter queryEnum(String name, Class<E> type, String description) {
            List<String> names = new ArrayList<>();
            for (E value : type.getEnumConstants()) {
                names.add(value.name());
            }
            return new Parameter(name, "query", "string", description, names);
        }
    }

    /** A body: media type to schema, a class of hearth-api or an inline JSON Schema (as JSON text). */
    record Content(String mediaType, Optional<Class<?>> type, String inlineSchema) {
        static Content json(Class<?> type) {
            return new Content("application/json", Optional.of(type), null);
        }

        static Content inline(String mediaType, String schemaJson) {
            return new Content(mediaType, Optional.empty(), schemaJson);
        }
    }

    /** One success answer: its status, what it means, its bodies and headers. */
    record Answer(int status, String description, List<Content> contents, List<String> headers) {
        Answer {
            contents = List.copyOf(contents);
            headers = List.copyOf(headers);
        }
    }

    final String method;
    final String path;
    final String tag;
    final String summary;
    final List<Parameter> parameters = new ArrayList<>();
    final List<Answer> answers = new ArrayList<>();
    final List<Integer> problems = new ArrayList<>();
    Content requestBody;
    List<Content> alternativeBodies = List.of();
    boolean bodyRequired = true;
    boolean open;
    String description;

    ApiOperation(String method, String path, String tag, String summary) {
        this.method = requireNonNull(method, "method is null");
        this.path = requireNonNull(path, "path is null");
        this.tag = requireNonNull(tag, "tag is null");
        this.summary = requireNonNull(summary, "summary is null");
    }

    /** The path's {name} parameters, in order. */
    List<String> pathParameters() {
        List<String> names = new ArrayList<>();
        Matcher matcher = PATH_PARAMETER.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    ApiOperation describe(String text) {
        this.description = text;
        return this;
    }

    ApiOperation query(Parameter... more) {
        parameters.addAll(List.of(more));
        return this;
    }

    /** A JSON request body of this hearth-api type. */
    ApiOperation body(Class<?> type) {
        this.requestBody = Content.json(type);
        return this;
    }

    /** A JSON request body that may also be left out. */
    ApiOperation optionalBody(Class<?> type) {
        body(type);
        this.bodyRequired = false;
        return this;
    }

    /** Other request bodies than JSON (uploads). */
    ApiOperation bodies(Content... contents) {
        this.alternativeBodies = List.of(contents);
        return this;
    }

    ApiOperation answers(int status, String text, Class<?> type, String... headers) {
        answers.add(new Answer(status, text, List.of(Content.json(type)), List.of(headers)));
        return this;
    }

    ApiOperation answers(int status, String text, List<Content> contents, String... headers) {
        answers.add(new Answer(status, text, contents, List.of(headers)));
        return this;
    }

    ApiOperation noContent(String text) {
        answers.add(new Answer(204, text, List.of(), List.of()));
        return this;
    }

    /** The problem+json statuses this route answers besides 401 and 500, which every route may. */
    ApiOperation problems(Integer... statuses) {
        problems.addAll(List.of(statuses));
        return this;
    }

    /** Served without credentials. */
    ApiOperation open() {
        this.open = true;
        return this;
    }
}
