package dev.pyprobe.server.transport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonPrimitive;
import dev.pyprobe.server.dap.AttachGuard;
import dev.pyprobe.server.dap.AttachRefusedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessPolicyTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5555);
    private final StringWriter log = new StringWriter();
    private final int self = (int) ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private AttachGuard guard(Optional<Token> token, Set<Integer> pids, Set<Integer> uids) {
        return new AccessPolicy(token, pids, uids, new PrintWriter(log, true)).guardFor(PEER);
    }

    private static int ownUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    @Test
    void withoutRulesEverythingPasses() {
        assertThatCode(() -> guard(Optional.empty(), Set.of(), Set.of()).check(self, Map.of())).doesNotThrowAnyException();
    }

    @Test
    void checksTheTokenGivenAsStringOrJsonPrimitive() throws Exception {
        AttachGuard guard = guard(Optional.of(Token.of("t0k")), Set.of(), Set.of());
        guard.check(self, Map.of("token", "t0k"));
        guard.check(self, Map.of("token", new JsonPrimitive("t0k")));
        assertThatThrownBy(() -> guard.check(self, Map.of("token", new JsonPrimitive(123))))
                .isInstanceOf(AttachRefusedException.class);
        assertThatThrownBy(() -> guard.check(self, Map.of()))
                .isInstanceOf(AttachRefusedException.class).hasMessageContaining("authentication failed");
        assertThat(log.toString()).contains("/127.0.0.1:5555: attach refused: authentication failed (no token)")
                .contains("(wrong token)");
    }

    @Test
    void theTokenIsCheckedBeforeTheAllowListsSoNothingLeaks() {
        AttachGuard guard = guard(Optional.of(Token.of("t0k")), Set.of(1), Set.of(65_000));
        assertThatThrownBy(() -> guard.check(self, Map.of("token", "bad"))).hasMessageContaining("authentication failed");
    }

    @Test
    void allowsOnlyListedPids() throws Exception {
        AttachGuard guard = guard(Optional.empty(), Set.of(self), Set.of());
        guard.check(self, Map.of());
        assertThatThrownBy(() -> guard.check(1, Map.of())).hasMessageContaining("does not allow attaching to process 1");
        assertThat(log.toString()).contains("process 1 is not in --allow-pid");
    }

    @Test
    void allowsOnlyProcessesOfListedUsersReadFromProc() throws Exception {
        guard(Optional.empty(), Set.of(), Set.of(ownUid())).check(self, Map.of());
        AttachGuard other = guard(Optional.empty(), Set.of(), Set.of(ownUid() + 4242));
        assertThatThrownBy(() -> other.check(self, Map.of())).hasMessageContaining("uid " + ownUid());
        assertThatThrownBy(() -> other.check(Integer.MAX_VALUE, Map.of())).hasMessageContaining("no such process");
    }

    @Test
    void readsTheRealUidFromAStatusFile() throws IOException {
        Path proc = dir.resolve("proc");
        Files.createDirectories(proc.resolve("42"));
        Files.writeString(proc.resolve("42/status"), "Name:\tpython\nUid:\t1001\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
        ProcessOwner owners = new ProcessOwner(proc);
        assertThat(owners.uidOf(42)).hasValue(1001);
        assertThat(owners.uidOf(43)).isEmpty();
        assertThat(owners.uidOf(-1)).isEmpty();
    }

    @Test
    void resolvesUserNamesAndUids() throws IOException {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nalice:x:1001:1001::/home/alice:/bin/sh\n");
        UserIds users = new UserIds(passwd);
        assertThat(users.resolve("alice")).isEqualTo(1001);
        assertThat(users.resolve("root")).isZero();
        assertThat(users.resolve("2000")).isEqualTo(2000);
        assertThatThrownBy(() -> users.resolve("bob")).hasMessageContaining("unknown user: bob");
        assertThatThrownBy(() -> users.resolve("99999999999")).hasMessageContaining("out of range");
        assertThat(UserIds.system().resolve("root")).isZero();
    }
}
