package io.hearth.server.artifact;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/**
 * An upload received into a temporary file: streamed to disk while its SHA-256 and size are
 * computed, so a jar is never held in memory, then checked to be a readable jar.
 *
 * @param file the temporary file; the caller moves or deletes it
 */
record JarUpload(Path file, String sha256, long sizeBytes) {
    private static final int BUFFER_BYTES = 64 * 1024;

    /**
     * Receives a body of at most {@code maxBytes}.
     *
     * @throws HearthException PAYLOAD_TOO_LARGE past the limit, INVALID_ARTIFACT when it is not a
     *     readable jar with at least one entry; no file is left behind then
     */
    static JarUpload receive(InputStream body, Path directory, long maxBytes) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("upload-" + UUID.randomUUID() + ".part");
        try {
            MessageDigest digest = sha256Digest();
            long size = 0;
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                int read;
                while ((read = body.read(buffer)) != -1) {
                    size += read;
                    if (size > maxBytes) {
                        throw tooLarge(maxBytes);
                    }
                    digest.update(buffer, 0, read);
                    out.write(buffer, 0, read);
                }
            }
            requireReadableJar(file, size);
            return new JarUpload(file, HexFormat.of().formatHex(digest.digest()), size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    static HearthException tooLarge(long maxBytes) {
        return new HearthException(
                ErrorCode.PAYLOAD_TOO_LARGE, "the artifact is larger than " + maxBytes + " bytes (artifact.max-bytes)");
    }

    private static void requireReadableJar(Path file, long size) throws IOException {
        if (size == 0) {
            throw new HearthException(ErrorCode.INVALID_ARTIFACT, "the artifact is empty; upload a jar file");
        }
        try (JarFile jar = new JarFile(file.toFile())) {
            if (!jar.entries().hasMoreElements()) {
                throw new HearthException(ErrorCode.INVALID_ARTIFACT, "the artifact is a jar without any entry");
            }
        } catch (ZipException | SecurityException e) {
            // a zip's directory is at its end: a truncated jar fails here as much as a non-zip does
            throw new HearthException(
                    ErrorCode.INVALID_ARTIFACT,
                    "the artifact is not a readable jar (" + e.getMessage() + "); upload a complete .jar file");
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
