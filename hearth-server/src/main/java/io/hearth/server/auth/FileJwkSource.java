package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.util.List;

/**
 * Public keys from a JWKS file ({@code auth.jwt.jwks-file}), read again when the file changes, so
 * keys can be rotated by replacing the file without restarting the gateway.
 */
final class FileJwkSource implements JWKSource<SecurityContext> {
    private final Path file;
    private Loaded loaded;

    private record Loaded(FileTime modified, long size, JWKSet keys) {}

    /** Reads the file now, so a missing or malformed file stops start-up. */
    FileJwkSource(Path file) {
        this.file = requireNonNull(file, "file is null");
        try {
            this.loaded = load();
        } catch (KeySourceException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return selector.select(current());
    }

    private synchronized JWKSet current() throws KeySourceException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new KeySourceException("auth.jwt.jwks-file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (!attributes.lastModifiedTime().equals(loaded.modified()) || attributes.size() != loaded.size()) {
            loaded = load();
        }
        return loaded.keys();
    }

    private Loaded load() throws KeySourceException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            JWKSet keys = JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (keys.containsNonPublicKeys()) {
                // verification needs only public keys; a private key here belongs somewhere safer
                keys = keys.toPublicJWKSet();
            }
            return new Loaded(attributes.lastModifiedTime(), attributes.size(), keys);
        } catch (IOException e) {
            throw new KeySourceException("auth.jwt.jwks-file " + file + " cannot be read: " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new KeySourceException("auth.jwt.jwks-file " + file + " is not a JWK set: " + e.getMessage(), e);
        }
    }
}
