package io.hearth.server.http;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * TLS for the REST API: the server's key and certificate chain, from a key store (PKCS12 or JKS)
 * or from PEM files, and the HSTS policy sent on every answer while TLS is on.
 *
 * @param keyStore a PKCS12/JKS file holding one private key and its chain ({@code http.tls.key-store})
 * @param keyStorePassword its password ({@code http.tls.key-store-password}; a secret: never printed)
 * @param keyStoreType {@code PKCS12} (default) or {@code JKS} ({@code http.tls.key-store-type})
 * @param certificate a PEM certificate chain, the server's first ({@code http.tls.certificate})
 * @param privateKey the PEM PKCS#8 private key of the first certificate ({@code http.tls.private-key})
 * @param hstsMaxAge the {@code Strict-Transport-Security} max-age ({@code http.tls.hsts-max-age},
 *     365d; 0 sends no header)
 */
public record TlsConfig(
        Optional<Path> keyStore,
        String keyStorePassword,
        String keyStoreType,
        Optional<Path> certificate,
        Optional<Path> privateKey,
        Duration hstsMaxAge) {
    public static final Duration DEFAULT_HSTS_MAX_AGE = Duration.ofDays(365);

    public TlsConfig {
        requireNonNull(keyStore, "keyStore is null");
        requireNonNull(keyStorePassword, "keyStorePassword is null");
        requireNonNull(keyStoreType, "keyStoreType is null");
        requireNonNull(certificate, "certificate is null");
        requireNonNull(privateKey, "privateKey is null");
        requireNonNull(hstsMaxAge, "hstsMaxAge is null");
        if (keyStore.isPresent() == (certificate.isPresent() || privateKey.isPresent())) {
            throw new IllegalArgumentException(
                    "TLS takes either http.tls.key-store or http.tls.certificate with http.tls.private-key, not both");
        }
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("http.tls.certificate and http.tls.private-key go together");
        }
        if (hstsMaxAge.isNegative()) {
            throw new IllegalArgumentException("http.tls.hsts-max-age must not be negative");
        }
    }

    /** The HSTS header value, or empty when none is sent. */
    public Optional<String> strictTransportSecurity() {
        return hstsMaxAge.isZero() ? Optional.empty() : Optional.of("max-age=" + hstsMaxAge.toSeconds());
    }

    @Override
    public String toString() {
        return "TlsConfig[keyStore=" + keyStore + ", keyStoreType=" + keyStoreType + ", certificate=" + certificate
                + ", privateKey=" + privateKey + ", hstsMaxAge=" + hstsMaxAge + "]";
    }
}
