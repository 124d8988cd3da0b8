package dev.pyprobe.server.dap;

import static dev.pyprobe.server.dap.DapConnection.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.testing.SuitePythons;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.Thread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A target in a container (Debian sid's python3.14 in its own root and PID namespace,
 * scripts/sid) whose source file has a namesake on the host: DAP serves the container's file.
 * The container runs /opt/X/app/app.py where /opt/X/app is an absolute symbolic link to
 * /opt/X/real; the host has its own /opt/X/real/app.py. Read through a plain
 * /proc/PID/root/opt/X/app/app.py, the kernel would follow that link from the host's root and
 * serve the host's file.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ContainerSourcesEndToEndTest {
    private static final String LAUNCHER = SuitePythons.sid("python3.14");
    private static final String CONTAINERS_FILE = "import sys, threading  # threading names the main thread\n"
            + "# the container's own app.py\n"
            + "def parked():\n"
            + "    sys.stdin.read()\n"
            + "print('ready', flush=True)\n"
            + "parked()\n";
    private static final String HOSTS_FILE = "# the host's app.py at the same path: must never be served\n";

    private final String top = "/opt/pyprobe-sources-" + UUID.randomUUID();
    private Path inContainer;
    private Path onHost;
    private Process launcher;

    @BeforeEach
    void writeBothFiles() throws IOException {
        SuitePythons.requireInstalled(LAUNCHER);
        inContainer = SuitePythons.SID_ROOT.resolve(top.substring(1));
        Files.createDirectories(inContainer.resolve("real"));
        Files.writeString(inContainer.resolve("real/app.py"), CONTAINERS_FILE);
        Files.createSymbolicLink(inContainer.resolve("app"), Path.of(top, "real"));
        onHost = Path.of(top);
        Files.createDirectories(onHost.resolve("real"));
        Files.writeString(onHost.resolve("real/app.py"), HOSTS_FILE);
    }

    @AfterEach
    void removeThem() throws Exception {
        if (launcher != null) {
            launcher.getOutputStream().close();
            if (!launcher.waitFor(10, TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        }
        for (Path tree : new Path[] {inContainer, onHost}) {
            if (tree != null && Files.exists(tree)) {
                try (Stream<Path> files = Files.walk(tree)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    @Test
    void theSourceServedIsTheContainersFileNotTheHostsNamesake() throws Exception {
        String script = top + "/app/app.py";
        int pid = start(script);
        try (DapConnection c = new DapConnection(new PyprobeSessionStarter(PythonTargets::attach), AttachGuard.ALLOW_ALL)) {
            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setClientID("vscode");
            init.setAdapterID("pyprobe");
            await(c.server.initialize(init));
            TestDapClient.next(c.client.initialized, "initialized");
            await(c.server.attach(Map.of("processId", (double) pid)));
            await(c.server.configurationDone(null));

            Thread main = Arrays.stream(await(c.server.threads()).getThreads())
                    .filter(t -> t.getName().startsWith("MainThread (")).findFirst().orElseThrow();
            assertThat(main.getName()).as("the host's TID, then the one it has inside (it is PID 1 there)")
                    .isEqualTo("MainThread (idle, tid " + pid + ", tid 1 in its namespace)");

            await(c.server.pause(new PauseArguments()));
            TestDapClient.next(c.client.stopped, "stopped");
            StackTraceArguments stack = new StackTraceArguments();
            stack.setThreadId(main.getId());
            List<StackFrame> frames = Arrays.asList(await(c.server.stackTrace(stack)).getStackFrames());
            StackFrame parked = frames.stream().filter(f -> f.getName().equals("parked")).findFirst()
                    .orElseThrow(() -> new AssertionError("no frame of parked() in " + frames));
            Source source = parked.getSource();
            assertThat(source.getPath()).as("shown as the container names it").isEqualTo(script);
            assertThat(source.getSourceReference()).as("not a file the client can open at that path").isPositive();

            SourceArguments args = new SourceArguments();
            args.setSource(source);
            args.setSourceReference(source.getSourceReference());
            String served = await(c.server.source(args)).getContent();
            assertThat(served).isEqualTo(CONTAINERS_FILE);
            assertThat(served.lines().toList().get(parked.getLine() - 1)).contains("sys.stdin.read()");
        }
    }

    /** Starts the script in the container and returns its host PID once it runs its last line. */
    private int start(String script) throws Exception {
        launcher = new ProcessBuilder(LAUNCHER, script).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(line).as(LAUNCHER + " " + script).isEqualTo("ready");
        return (int) SuitePythons.targetPid(launcher, LAUNCHER);
    }
}
