package io.hearth.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reading requests: the caller, JSON bodies with field-naming errors, and numeric parameters. */
public final class Requests {
    static final String PRINCIPAL_ATTRIBUTE = "hearth.principal";
    private static final long DISCARD_LIMIT_FACTOR = 16;

    private final ObjectMapper mapper;
    private final long maxRequestBytes;

    Requests(ObjectMapper mapper, long maxRequestBytes) {
        this.mapper = mapper;
        this.maxRequestBytes = maxRequestBytes;
    }

    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL_ATTRIBUTE);
        if (principal == null) {
            throw new HearthException(ErrorCode.UNAUTHENTICATED, "the request is not authenticated");
        }
        return principal;
    }

    /**
     * Whose work a listing shows: the caller's own, or for an admin everyone's or the one named by
     * {@code ?owner=} (see {@link OwnerFilter}).
     */
    public static OwnerFilter ownerFilter(Context ctx) {
        String owner = ctx.queryParam("owner");
        return OwnerFilter.of(
                principal(ctx), Optional.ofNullable(owner).map(String::trim).filter(name -> !name.isEmpty()));
    }

    /** The JSON body as a record; 400/413/415 problems name what is wrong. */
    public <T> T body(Context ctx, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HearthException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the request body must be application/json, not " + contentType);
        }
        long length = ctx.contentLength();
        if (length > maxRequestBytes) {
            discardBody(ctx, length);
            throw new HearthException(
                    ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than " + maxRequestBytes + " bytes");
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
        } catch (IOException e) {
            throw new HearthException(ErrorCode.INVALID_REQUEST, "the request body could not be read");
        }
        if (bytes.length > maxRequestBytes) {
            throw new HearthException(
                    ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than " + maxRequestBytes + " bytes");
        }
        if (bytes.length == 0) {
            throw new HearthException(ErrorCode.MALFORMED_JSON, "the request body is empty; a JSON object is required");
        }
        try {
            T value = mapper.readValue(bytes, type);
            if (value == null) {
                throw new HearthException(ErrorCode.MALFORMED_JSON, "the request body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            throw HearthException.aboutField(ErrorCode.INVALID_REQUEST, "unknown field \"" + field + "\"", field);
        } catch (InvalidFormatException e) {
            String field = path(e);
            String allowed = e.getTargetType() != null && e.getTargetType().isEnum()
                    ? "; one of "
                            + Arrays.stream(e.getTargetType().getEnumConstants())
                                    .map(Object::toString)
                                    .collect(Collectors.joining(", "))
                    : "";
            throw HearthException.aboutField(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    "invalid value for \"" + field + "\": " + e.getValue() + allowed,
                    field);
        } catch (JsonMappingException e) {
            String field = path(e);
            String where = field.isEmpty() ? "" : " at \"" + field + "\"";
            throw HearthException.aboutField(
                    ErrorCode.INVALID_REQUEST,
                    "the request body does not fit" + where + ": " + e.getOriginalMessage(),
                    field.isEmpty() ? null : field);
        } catch (JsonProcessingException e) {
            throw new HearthException(
                    ErrorCode.MALFORMED_JSON, "the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HearthException(ErrorCode.MALFORMED_JSON, "the request body is not valid JSON");
        }
    }

    /**
     * Reads and drops a refused body of moderate size, so the client, still sending it, reads our
     * 413 rather than a connection reset; a far larger body is cut off by closing the connection.
     */
    private void discardBody(Context ctx, long length) {
        if (length > DISCARD_LIMIT_FACTOR * maxRequestBytes) {
            return;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            in.skipNBytes(length);
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    /** An integer query parameter within bounds, or the default when absent. */
    public static int intQuery(Context ctx, String name, int defaultValue, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw HearthException.invalidField(name, name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw HearthException.invalidField(name, name + " must be an integer, not \"" + text + "\"");
        }
    }

    /** An enum query parameter (any case), or empty when absent; 400 naming the allowed values otherwise. */
    public static <E extends Enum<E>> Optional<E> enumQuery(Context ctx, String name, Class<E> type) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw HearthException.invalidField(
                    name,
                    name + " must be one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", "))
                            + "; got \"" + text + "\"");
        }
    }

    /** A non-negative integer path parameter. */
    public static int intPath(Context ctx, String name) {
        String text = ctx.pathParam(name);
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw HearthException.invalidField(name, name + " must be a non-negative integer, not \"" + text + "\"");
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
