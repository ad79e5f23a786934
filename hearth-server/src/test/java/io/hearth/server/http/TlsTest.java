package io.hearth.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.TestingHearth;
import io.hearth.server.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on the REST port from a PKCS12 key store and from PEM files, with HSTS, checked with
 * java.net.http trusting only the test's own self-signed certificate (made by the JDK's keytool).
 */
class TlsTest {
    private static final String PASSWORD = "changeit-test";

    @TempDir
    static Path keys;

    @TempDir
    Path data;

    static Path keyStore;
    static Path certificatePem;
    static Path keyPem;
    static SSLContext trusting;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keyStore = keys.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keyStore.toString(),
                        "-storepass",
                        PASSWORD)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = store.getCertificate("server");
        certificatePem = keys.resolve("server.crt");
        Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
        keyPem = keys.resolve("server.key");
        Files.writeString(
                keyPem,
                pem(
                        "PRIVATE KEY",
                        store.getKey("server", PASSWORD.toCharArray()).getEncoded()));

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, trustManagers.getTrustManagers(), null);
    }

    @Test
    void servesHttpsFromAKeyStoreWithHsts() throws Exception {
        Path passwordFile = keys.resolve("store-password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        Map<String, String> settings = new HashMap<>();
        settings.put("http.tls.key-store", keyStore.toString());
        // the password comes from a file, as a secret should
        settings.put("http.tls.key-store-password", "${file:" + passwordFile + "}");
        try (TestingHearth hearth = TestingHearth.start(data, settings)) {
            HttpResponse<String> health = httpsGet(hearth, "/health/live");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("Strict-Transport-Security"))
                    .contains("max-age=" + 365L * 24 * 3600);
            HttpResponse<String> statements = httpsGet(hearth, "/v1/statements");
            assertThat(statements.statusCode()).isEqualTo(200);
            assertThat(statements.headers().firstValue("Strict-Transport-Security"))
                    .isPresent();
            // the port speaks TLS only: plain HTTP gets no REST answer
            assertThat(plainHttpStatus(hearth.port())).isNotEqualTo(200);
        }
    }

    @Test
    void servesHttpsFromPemFilesAndHstsCanBeTurnedOff() throws Exception {
        Map<String, String> settings = Map.of(
                "http.tls.certificate", certificatePem.toString(),
                "http.tls.private-key", keyPem.toString(),
                "http.tls.hsts-max-age", "0s");
        try (TestingHearth hearth = TestingHearth.start(data, settings)) {
            HttpResponse<String> health = httpsGet(hearth, "/health/live");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }

    @Test
    void aKeyThatIsNotPkcs8IsRefusedWithHowToConvertIt() throws IOException {
        Path rsaKey = keys.resolve("pkcs1.key");
        Files.writeString(rsaKey, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TestingHearth.start(
                        data,
                        Map.of(
                                "http.tls.certificate", certificatePem.toString(),
                                "http.tls.private-key", rsaKey.toString())))
                .hasMessageContaining("PKCS#8")
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void aCertificateWithoutItsKeyIsAConfigurationError() {
        assertThatThrownBy(() -> TestingHearth.start(data, Map.of("http.tls.certificate", certificatePem.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.tls.private-key");
    }

    private static HttpResponse<String> httpsGet(TestingHearth hearth, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting).build();
        return client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + hearth.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status a plain-HTTP request gets, or -1 when the connection is refused or dropped. */
    private static int plainHttpStatus(int port) throws InterruptedException {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
