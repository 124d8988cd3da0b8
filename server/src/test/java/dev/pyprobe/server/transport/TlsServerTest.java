package dev.pyprobe.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.pyprobe.server.transport.security.SelfSignedCertificate;
import dev.pyprobe.server.transport.security.TlsSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class TlsServerTest {
    private static final String OPENSSL = "/usr/bin/openssl";

    private final TestServers servers = new TestServers();
    private final ScriptedSessionStarter starter = new ScriptedSessionStarter();

    @TempDir
    Path dir;

    private TcpServer start(TlsSetup tls) throws InterruptedException {
        return TcpServer.start(servers.config(Optional.empty(), Optional.of(tls.context()), FrameLimits.defaults(), 4,
                Duration.ofSeconds(5)), starter);
    }

    /** A client that trusts exactly this certificate and checks that it names 127.0.0.1. */
    static TestConnection tlsClient(TcpServer server, X509Certificate trusted) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("pyprobe", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), new SecureRandom());
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(server.address().getAddress(), server.address().getPort());
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        socket.setSoTimeout(TestConnection.READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true); // with Nagle, the first request after the handshake waits ~40 ms for an ACK
        socket.startHandshake();
        return new TestConnection(socket);
    }

    @Test
    void aSessionWorksOverTlsWithTheGeneratedCertificate() throws Exception {
        TlsSetup tls = TlsSetup.selfSigned("127.0.0.1", new SecureRandom());
        assertThat(tls.selfSigned()).isTrue();
        String expected = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(tls.certificate().getEncoded()));
        assertThat(tls.fingerprint()).isEqualTo(expected);
        try (TcpServer server = start(tls); TestConnection client = tlsClient(server, tls.certificate())) {
            JsonObject args = new JsonObject();
            args.addProperty("over", "tls");
            JsonObject response = client.call(DapWire.request(1, "echo", args));
            assertThat(response.getAsJsonObject("body").get("over").getAsString()).isEqualTo("tls");
        }
    }

    @Test
    void aSessionWorksOverTlsWithPemFiles() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificate.generate("localhost", new SecureRandom());
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, pem("CERTIFICATE", generated.certificate().getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", generated.key().getEncoded()));
        TlsSetup tls = TlsSetup.fromPem(cert, key);
        assertThat(tls.selfSigned()).isFalse();
        assertThat(tls.certificate()).isEqualTo(generated.certificate());
        try (TcpServer server = start(tls); TestConnection client = tlsClient(server, generated.certificate())) {
            assertThat(client.call(DapWire.request(1, "echo", new JsonObject())).get("success").getAsBoolean()).isTrue();
        }
    }

    /** Key files as openssl writes them: PKCS#8, traditional RSA (PKCS#1) and EC (SEC1). */
    @ParameterizedTest
    @ValueSource(strings = {"pkcs8-rsa", "pkcs1-rsa", "sec1-ec"})
    void acceptsTheKeyFormatsOpensslWrites(String kind) throws Exception {
        Path key = dir.resolve(kind + ".pem");
        Path cert = dir.resolve(kind + "-cert.pem");
        switch (kind) {
            case "pkcs8-rsa" -> openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key);
            case "pkcs1-rsa" -> {
                Path pkcs8 = dir.resolve("tmp.pem");
                openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", pkcs8);
                openssl("rsa", "-in", pkcs8, "-traditional", "-out", key);
            }
            default -> openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key);
        }
        openssl("req", "-x509", "-key", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1");
        String header = Files.readString(key).lines().findFirst().orElse("");
        assertThat(header).isEqualTo(switch (kind) {
            case "pkcs8-rsa" -> "-----BEGIN PRIVATE KEY-----";
            case "pkcs1-rsa" -> "-----BEGIN RSA PRIVATE KEY-----";
            default -> "-----BEGIN EC PRIVATE KEY-----";
        });
        TlsSetup tls = TlsSetup.fromPem(cert, key);
        try (TcpServer server = start(tls); TestConnection client = tlsClient(server, tls.certificate())) {
            assertThat(client.call(DapWire.request(1, "echo", new JsonObject())).get("success").getAsBoolean()).isTrue();
        }
    }

    private static void openssl(Object... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(OPENSSL));
        for (Object a : args) {
            command.add(a.toString());
        }
        boolean present = Files.isExecutable(Path.of(OPENSSL));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("missing " + OPENSSL);
        }
        Assumptions.assumeTrue(present, "no " + OPENSSL);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    @Test
    void aKeyFileWithoutAKeyIsAClearError() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificate.generate("localhost", new SecureRandom());
        Path cert = dir.resolve("cert.pem");
        Files.writeString(cert, pem("CERTIFICATE", generated.certificate().getEncoded()));
        assertThatThrownBy(() -> TlsSetup.fromPem(cert, cert)).hasMessageContaining("holds no unencrypted private key");
    }

    @Test
    void aPlainClientOnATlsPortIsClosedAndLogged() throws Exception {
        TlsSetup tls = TlsSetup.selfSigned("127.0.0.1", new SecureRandom());
        try (TcpServer server = start(tls); TestConnection client = TestConnection.open(server.address())) {
            client.out.write(DapWire.frame("{\"seq\":1,\"type\":\"request\",\"command\":\"echo\"}"));
            assertThat(client.closedByServer()).isTrue();
            for (int i = 0; i < 500 && !servers.log().contains("TLS failure"); i++) {
                Thread.sleep(10);
            }
            assertThat(servers.log()).contains("TLS failure");
            assertThat(starter.sessions).as("no session without a handshake").isEmpty();
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
