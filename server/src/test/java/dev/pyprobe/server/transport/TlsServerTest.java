package dev.pyprobe.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsServerTest {
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
