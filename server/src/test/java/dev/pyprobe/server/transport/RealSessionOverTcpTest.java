package dev.pyprobe.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import dev.pyprobe.server.transport.security.AccessPolicy;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** pyprobe's real DAP sessions served over TCP, attached to real Python processes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealSessionOverTcpTest {
    private final TestServers servers = new TestServers();
    private final RecordingStarter starter = new RecordingStarter();

    @TempDir
    Path dir;

    static JsonObject attachArgs(int pid) {
        JsonObject args = new JsonObject();
        args.addProperty("processId", pid);
        return args;
    }

    static void initializeAndAttach(TestConnection client, int pid) throws Exception {
        JsonObject init = new JsonObject();
        init.addProperty("adapterID", "pyprobe");
        assertThat(client.request(DapWire.request(1, "initialize", init)).get("success").getAsBoolean()).isTrue();
        JsonObject attached = client.request(DapWire.request(2, "attach", attachArgs(pid)));
        assertThat(attached.get("success").getAsBoolean()).as(attached.toString()).isTrue();
    }

    private static Set<String> sessionThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("pyprobe-dap-") || n.startsWith("pyprobe-session"))
                .collect(Collectors.toSet());
    }

    @Test
    void aClientLeavingMidRequestClosesItsRealSessionAndItsThreads() throws Exception {
        Set<String> before = sessionThreads();
        try (ParkedThreadsTarget target = ParkedThreadsTarget.start(dir, 5);
             TcpServer server = TcpServer.start(servers.plain(), starter)) {
            TestConnection client = TestConnection.open(server.address());
            initializeAndAttach(client, target.pid);
            assertThat(sessionThreads()).hasSizeGreaterThan(before.size());
            // A pause being served, the next request half sent, then the client is gone.
            client.out.write(DapWire.frame(DapWire.request(3, "pause", new JsonObject()).toString()));
            client.out.write("Content-Length: 500\r\n\r\n{\"seq\":4,".getBytes(StandardCharsets.US_ASCII));
            client.close();

            RecordingStarter.Recorded session = starter.sessions.get(0);
            assertThat(session.awaitClosed(10)).as("RunningSession.close() called").isTrue();
            for (int i = 0; i < 1000 && !before.containsAll(sessionThreads()); i++) {
                Thread.sleep(10);
            }
            assertThat(sessionThreads()).as("session threads left").isSubsetOf(before);
            assertThat(target.process.isAlive()).as("the target keeps running").isTrue();

            try (TestConnection next = TestConnection.open(server.address())) {
                initializeAndAttach(next, target.pid);
            }
        }
    }

    @Test
    void theAllowListsRefuseOtherProcessesBeforeTheSessionReadsThem() throws Exception {
        try (ParkedThreadsTarget target = ParkedThreadsTarget.start(dir, 1)) {
            int owner = (Integer) Files.getAttribute(Path.of("/proc", Integer.toString(target.pid)), "unix:uid");
            assertRefused(new AccessPolicy(Optional.empty(), Set.of(target.pid + 1), Set.of(), servers.log), target.pid,
                    "does not allow attaching to process " + target.pid);
            assertRefused(new AccessPolicy(Optional.empty(), Set.of(), Set.of(owner + 1), servers.log), target.pid,
                    "does not allow attaching to processes of uid " + owner);
            AccessPolicy allowed = new AccessPolicy(Optional.empty(), Set.of(target.pid), Set.of(owner), servers.log);
            try (TcpServer server = TcpServer.start(withAccess(allowed), starter);
                 TestConnection client = TestConnection.open(server.address())) {
                initializeAndAttach(client, target.pid);
            }
            assertThat(servers.log()).contains("process " + target.pid + " is not in --allow-pid")
                    .contains("belongs to uid " + owner + ", not in --allow-user");
        }
    }

    private void assertRefused(AccessPolicy access, int pid, String message) throws Exception {
        try (TcpServer server = TcpServer.start(withAccess(access), starter);
             TestConnection client = TestConnection.open(server.address())) {
            JsonObject init = new JsonObject();
            init.addProperty("adapterID", "pyprobe");
            client.request(DapWire.request(1, "initialize", init));
            JsonObject refused = client.request(DapWire.request(2, "attach", attachArgs(pid)));
            assertThat(refused.get("success").getAsBoolean()).isFalse();
            assertThat(refused.toString()).contains(message);
        }
    }

    private TcpServerConfig withAccess(AccessPolicy access) {
        TcpServerConfig plain = servers.plain();
        return new TcpServerConfig(plain.bindAddress(), plain.limits(), plain.tls(), access, plain.maxSessions(),
                plain.incompleteMessageTimeout(), plain.attachDeadline(), plain.log());
    }

    @Test
    void concurrentSessionsAreEachAttachedToTheirOwnProcess() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        try (ParkedThreadsTarget two = ParkedThreadsTarget.start(a, 2);
             ParkedThreadsTarget five = ParkedThreadsTarget.start(b, 5);
             TcpServer server = TcpServer.start(servers.plain(), starter);
             TestConnection first = TestConnection.open(server.address());
             TestConnection second = TestConnection.open(server.address())) {
            initializeAndAttach(first, two.pid);
            initializeAndAttach(second, five.pid);
            JsonArray firstThreads = first.request(DapWire.request(3, "threads", null))
                    .getAsJsonObject("body").getAsJsonArray("threads");
            JsonArray secondThreads = second.request(DapWire.request(3, "threads", null))
                    .getAsJsonObject("body").getAsJsonArray("threads");
            assertThat(firstThreads).hasSize(3);
            assertThat(secondThreads).hasSize(6);
            JsonObject process = first.event("process");
            assertThat(process.getAsJsonObject("body").get("systemProcessId").getAsInt()).isEqualTo(two.pid);
            assertThat(second.event("process").getAsJsonObject("body").get("systemProcessId").getAsInt())
                    .isEqualTo(five.pid);
        }
    }
}
