package io.hearth.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the REST API's key and certificates into a {@link KeyStore} for Jetty, which reads key
 * stores but not PEM files. PEM keys must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), as
 * {@code openssl pkcs8 -topk8 -nocrypt} writes them; RSA, EC and Ed25519 keys are read.
 */
final class TlsKeyStores {
    static final String KEY_ALIAS = "hearth";

    private static final Pattern PKCS8 =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519");

    private TlsKeyStores() {}

    /** The configured key store, or one built from the PEM files; IllegalArgumentException says what is wrong. */
    static KeyStore load(TlsConfig tls) {
        try {
            if (tls.keyStore().isPresent()) {
                KeyStore store = KeyStore.getInstance(tls.keyStoreType());
                try (InputStream in = Files.newInputStream(tls.keyStore().get())) {
                    store.load(in, tls.keyStorePassword().toCharArray());
                }
                return store;
            }
            Certificate[] chain = readCertificates(tls.certificate().orElseThrow());
            PrivateKey key = readPrivateKey(tls.privateKey().orElseThrow());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(KEY_ALIAS, key, tls.keyStorePassword().toCharArray(), chain);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS key and certificates: " + e.getMessage(), e);
        }
    }

    private static Certificate[] readCertificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)
                    .toArray(Certificate[]::new);
            if (chain.length == 0) {
                throw new IllegalArgumentException(file + " holds no PEM certificate");
            }
            return chain;
        }
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        Matcher pem = PKCS8.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!pem.find()) {
            throw new IllegalArgumentException(file + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY);"
                    + " convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
        }
        PKCS8EncodedKeySpec spec =
                new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(1)));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException notThisAlgorithm) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(file + " holds a private key that is not RSA, EC or Ed25519");
    }
}
