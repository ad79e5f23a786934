package io.hearth.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The one-time secret shared with the gateway; it travels in the {@code hearth-engine-secret} header. */
final class EngineSecret {
    static final String ENVIRONMENT_VARIABLE = "HEARTH_ENGINE_SECRET";
    static final Metadata.Key<String> HEADER =
            Metadata.Key.of("hearth-engine-secret", Metadata.ASCII_STRING_MARSHALLER);

    private final String value;
    private final byte[] digest;

    EngineSecret(String value) {
        requireNonNull(value, "value is null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("engine secret is empty");
        }
        this.value = value;
        this.digest = sha256(value);
    }

    /** Compares in constant time; hashing first also hides the secret's length. */
    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    /** Attaches the secret to every call made on a channel. */
    ClientInterceptor clientInterceptor() {
        Metadata headers = new Metadata();
        headers.put(HEADER, value);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    @Override
    public String toString() {
        return "EngineSecret[****]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
