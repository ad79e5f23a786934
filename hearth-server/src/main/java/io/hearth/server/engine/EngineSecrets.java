package io.hearth.server.engine;

import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** The one-time secret each engine is launched with, and the gRPC header that carries it. */
final class EngineSecrets {
    static final Metadata.Key<String> HEADER =
            Metadata.Key.of("hearth-engine-secret", Metadata.ASCII_STRING_MARSHALLER);

    private final SecureRandom random = new SecureRandom();

    String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean matches(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
