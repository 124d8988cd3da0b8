package dev.pyprobe.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.pyprobe.server.transport.security.AccessPolicy;
import dev.pyprobe.server.transport.security.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TcpServerTest {
    private final TestServers servers = new TestServers();
    private final ScriptedSessionStarter starter = new ScriptedSessionStarter();

    private static JsonObject attachArgs(long pid, String token) {
        JsonObject args = new JsonObject();
        args.addProperty("processId", pid);
        if (token != null) {
            args.addProperty("token", token);
        }
        return args;
    }

    @Test
    void servesSeveralSessionsAtOnceEachWithItsOwnSession() throws Exception {
        try (TcpServer server = TcpServer.start(servers.plain(), starter)) {
            List<TestConnection> clients = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                clients.add(TestConnection.open(server.address()));
            }
            for (int i = 0; i < clients.size(); i++) {
                JsonObject args = new JsonObject();
                args.addProperty("client", i);
                JsonObject response = clients.get(i).call(DapWire.request(i + 1, "echo", args));
                assertThat(response.get("request_seq").getAsInt()).isEqualTo(i + 1);
                assertThat(response.getAsJsonObject("body").get("client").getAsInt()).isEqualTo(i);
            }
            assertThat(starter.sessions).hasSize(5);
            for (TestConnection c : clients) {
                c.close();
            }
        }
    }

    @Test
    void keepsTheConnectionAfterAnsweringAMisshapenRequest() throws Exception {
        try (TcpServer server = TcpServer.start(servers.plain(), starter);
             TestConnection client = TestConnection.open(server.address())) {
            client.out.write(DapWire.frame("{\"seq\":9,\"type\":\"request\"}"));
            JsonObject error = client.read();
            assertThat(error.get("request_seq").getAsInt()).isEqualTo(9);
            assertThat(error.get("success").getAsBoolean()).isFalse();
            JsonObject ok = client.call(DapWire.request(10, "echo", new JsonObject()));
            assertThat(ok.get("success").getAsBoolean()).isTrue();
        }
    }

    @Test
    void closesTheConnectionOnBadJsonAndLogsWhy() throws Exception {
        try (TcpServer server = TcpServer.start(servers.plain(), starter);
             TestConnection client = TestConnection.open(server.address())) {
            client.out.write(DapWire.frame("{not json"));
            assertThat(client.closedByServer()).isTrue();
            awaitLog("not valid JSON");
            assertThat(servers.log()).contains("/127.0.0.1:" + client.socket.getLocalPort());
        }
    }

    @Test
    void refusesAWrongTokenAndAcceptsTheRightOne() throws Exception {
        Token token = Token.of("s3cret-token");
        TcpServerConfig config = servers.config(Optional.of(token), Optional.empty(), FrameLimits.defaults(), 16,
                Duration.ofSeconds(5));
        long pid = ProcessHandle.current().pid();
        try (TcpServer server = TcpServer.start(config, starter);
             TestConnection client = TestConnection.open(server.address())) {
            JsonObject missing = client.call(DapWire.request(1, "attach", attachArgs(pid, null)));
            assertThat(missing.get("success").getAsBoolean()).isFalse();
            assertThat(missing.get("message").getAsString()).contains("authentication failed");
            JsonObject wrong = client.call(DapWire.request(2, "attach", attachArgs(pid, "s3cret-tokeN")));
            assertThat(wrong.get("success").getAsBoolean()).isFalse();
            JsonObject right = client.call(DapWire.request(3, "attach", attachArgs(pid, "s3cret-token")));
            assertThat(right.get("success").getAsBoolean()).isTrue();
            assertThat(servers.log())
                    .contains("/127.0.0.1:" + client.socket.getLocalPort() + ": attach refused: authentication failed (no token)")
                    .contains("authentication failed (wrong token)");
        }
    }

    @Test
    void aConnectionThatKeepsFailingAuthenticationIsClosed() throws Exception {
        Token token = Token.of("s3cret-token");
        TcpServerConfig config = servers.config(Optional.of(token), Optional.empty(), FrameLimits.defaults(), 16,
                Duration.ofSeconds(5));
        long pid = ProcessHandle.current().pid();
        try (TcpServer server = TcpServer.start(config, starter);
             TestConnection guesser = TestConnection.open(server.address());
             TestConnection other = TestConnection.open(server.address())) {
            for (int attempt = 1; attempt <= AccessPolicy.MAX_FAILED_AUTHENTICATIONS; attempt++) {
                JsonObject refused = guesser.call(DapWire.request(attempt, "attach", attachArgs(pid, "s3cret" + attempt)));
                assertThat(refused.get("success").getAsBoolean()).as("attempt " + attempt).isFalse();
            }
            assertThat(guesser.closedByServer()).as("closed after the last failed attempt").isTrue();
            assertThat(servers.log()).contains(AccessPolicy.MAX_FAILED_AUTHENTICATIONS + " failed authentications");
            JsonObject right = other.call(DapWire.request(1, "attach", attachArgs(pid, "s3cret-token")));
            assertThat(right.get("success").getAsBoolean()).as("other connections are not affected").isTrue();
        }
    }

    @Test
    void withATokenAConnectionMustPassAnAttachWithinTheDeadline() throws Exception {
        TcpServerConfig config = servers.config(Optional.of(Token.of("tok")), Optional.empty(), FrameLimits.defaults(),
                16, Duration.ofSeconds(5), Duration.ofSeconds(2));
        long pid = ProcessHandle.current().pid();
        try (TcpServer server = TcpServer.start(config, starter);
             TestConnection idle = TestConnection.open(server.address());
             TestConnection refused = TestConnection.open(server.address());
             TestConnection attached = TestConnection.open(server.address())) {
            assertThat(refused.call(DapWire.request(1, "attach", attachArgs(pid, "bad"))).get("success").getAsBoolean())
                    .isFalse();
            assertThat(attached.call(DapWire.request(1, "attach", attachArgs(pid, "tok"))).get("success").getAsBoolean())
                    .isTrue();
            assertThat(idle.closedByServer()).isTrue();
            assertThat(refused.closedByServer()).isTrue();
            Thread.sleep(500);
            assertThat(attached.call(DapWire.request(2, "echo", new JsonObject())).get("success").getAsBoolean())
                    .as("an authenticated session outlives the deadline").isTrue();
            awaitLog("no accepted attach within");
        }
    }

    @Test
    void aClientLeavingMidRequestClosesItsSessionAndEndsItsThreads() throws Exception {
        Set<Thread> before = supervisors();
        try (TcpServer server = TcpServer.start(servers.plain(), starter)) {
            TestConnection client = TestConnection.open(server.address());
            DapWire.write(client.out, DapWire.request(1, "hang", null));
            ScriptedSessionStarter.Session session = awaitSession();
            assertThat(session.hanging.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            client.close();
            assertThat(session.awaitClosed(10)).as("RunningSession.close() called").isTrue();
            session.thread.join(10_000);
            assertThat(session.thread.isAlive()).isFalse();
            assertThat(awaitSupervisorsBackTo(before)).as("supervisor threads ended").isTrue();
        }
    }

    @Test
    void aClientLeavingHalfWayThroughAMessageClosesItsSession() throws Exception {
        try (TcpServer server = TcpServer.start(servers.plain(), starter)) {
            TestConnection client = TestConnection.open(server.address());
            client.out.write("Content-Length: 100\r\n\r\n{\"seq\":1,".getBytes(StandardCharsets.US_ASCII));
            ScriptedSessionStarter.Session session = awaitSession();
            client.close();
            assertThat(session.awaitClosed(10)).isTrue();
        }
    }

    @Test
    void refusesConnectionsBeyondTheSessionLimit() throws Exception {
        TcpServerConfig config = servers.config(Optional.empty(), Optional.empty(), FrameLimits.defaults(), 2,
                Duration.ofSeconds(5));
        try (TcpServer server = TcpServer.start(config, starter);
             TestConnection first = TestConnection.open(server.address());
             TestConnection second = TestConnection.open(server.address())) {
            assertThat(first.call(DapWire.request(1, "echo", new JsonObject()))).isNotNull();
            assertThat(second.call(DapWire.request(1, "echo", new JsonObject()))).isNotNull();
            try (TestConnection third = TestConnection.open(server.address())) {
                assertThat(third.closedByServer()).isTrue();
            }
            awaitLog("2 sessions already open");
            first.close();
            awaitSessionsClosed(1);
            try (TestConnection fourth = TestConnection.open(server.address())) {
                assertThat(fourth.call(DapWire.request(1, "echo", new JsonObject()))).isNotNull();
            }
        }
    }

    @Test
    void closingTheServerClosesEverySession() throws Exception {
        TcpServer server = TcpServer.start(servers.plain(), starter);
        try (TestConnection client = TestConnection.open(server.address())) {
            assertThat(client.call(DapWire.request(1, "echo", new JsonObject()))).isNotNull();
            server.close();
            assertThat(starter.sessions.get(0).awaitClosed(10)).isTrue();
            assertThat(client.closedByServer()).isTrue();
        }
    }

    private ScriptedSessionStarter.Session awaitSession() throws InterruptedException {
        for (int i = 0; i < 1000 && starter.sessions.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(starter.sessions).isNotEmpty();
        return starter.sessions.get(0);
    }

    private void awaitSessionsClosed(int count) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (starter.sessions.stream().filter(s -> s.closed.getCount() == 0).count() >= count) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("sessions not closed");
    }

    private void awaitLog(String text) throws InterruptedException {
        for (int i = 0; i < 1000 && !servers.log().contains(text); i++) {
            Thread.sleep(10);
        }
        assertThat(servers.log()).contains(text);
    }

    private static Set<Thread> supervisors() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("pyprobe-session")).collect(Collectors.toSet());
    }

    /** True once no supervisor thread is alive beyond those of {@code before} (other tests' leftovers). */
    private static boolean awaitSupervisorsBackTo(Set<Thread> before) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (before.containsAll(supervisors())) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

}
