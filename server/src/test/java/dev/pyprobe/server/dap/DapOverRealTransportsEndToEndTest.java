package dev.pyprobe.server.dap;

import static dev.pyprobe.server.dap.DapConnection.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LSP4J's client side driving a real pyprobe process through each real transport: the stdio of
 * {@code pyprobe dap}, and a TCP connection to {@code pyprobe serve}. On every installed
 * interpreter: attach, threads, pause, a stack identical to what the target reports, evaluate,
 * and a disconnect that leaves the target running.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DapOverRealTransportsEndToEndTest {
    private static final Pattern LISTENING = Pattern.compile("pyprobe listening on (\\S+):(\\d+)");

    @TempDir
    Path dir;

    static Stream<Arguments> interpretersAndTransports() {
        return PythonInterpreters.all().flatMap(i -> Stream.of(Arguments.of(i, "stdio"), Arguments.of(i, "tcp")));
    }

    /** A pyprobe process and the two byte streams a DAP client talks over. */
    private record Transport(Process pyprobe, InputStream in, OutputStream out, AutoCloseable socket) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (socket != null) {
                socket.close();
            }
            pyprobe.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process pyprobe(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.pyprobe.server.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Transport open(String kind) throws Exception {
        if (kind.equals("stdio")) {
            Process p = pyprobe("dap");
            return new Transport(p, p.getInputStream(), p.getOutputStream(), null);
        }
        Process p = pyprobe("serve", "--port", "0");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (Exception e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        Matcher m = LISTENING.matcher(String.valueOf(line));
        assertThat(m.find()).as("serve's first line: " + line).isTrue();
        Socket socket = new Socket(m.group(1), Integer.parseInt(m.group(2)));
        socket.setTcpNoDelay(true);
        return new Transport(p, socket.getInputStream(), socket.getOutputStream(), socket);
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("interpretersAndTransports")
    void inspectsAParkedProcessThroughARealTransport(String interpreter, String kind) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (ThreadsFixture fx = ThreadsFixture.start(interpreter, dir); Transport transport = open(kind)) {
            TestDapClient client = new TestDapClient();
            Launcher<IDebugProtocolServer> launcher = DebugLauncher.createLauncher(client, IDebugProtocolServer.class,
                    transport.in(), transport.out(), Executors.newCachedThreadPool(), c -> c);
            launcher.startListening();
            IDebugProtocolServer server = launcher.getRemoteProxy();

            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setClientID("lsp4j");
            init.setAdapterID("pyprobe");
            assertThat(await(server.initialize(init)).getSupportsConfigurationDoneRequest()).isTrue();
            TestDapClient.next(client.initialized, "initialized");
            Map<String, Object> attach = new HashMap<>();
            attach.put("processId", fx.pid());
            await(server.attach(attach));
            await(server.configurationDone(null));

            Map<String, Integer> ids = new HashMap<>();
            for (Thread t : await(server.threads()).getThreads()) {
                // Shown as "name (state, tid N)": keep the name.
                ids.put(t.getName().replaceFirst(" \\((idle|running|holds the GIL), tid .*$", ""), t.getId());
            }
            assertThat(ids).containsKeys("MainThread", "alpha-worker", "beta-worker");
            PauseArguments pause = new PauseArguments();
            pause.setThreadId(ids.get("alpha-worker"));
            await(server.pause(pause));
            assertThat(TestDapClient.next(client.stopped, "stopped").getText()).contains("still running");

            StackTraceArguments st = new StackTraceArguments();
            st.setThreadId(ids.get("alpha-worker"));
            StackFrame[] frames = await(server.stackTrace(st)).getStackFrames();
            List<String> seen = Arrays.stream(frames)
                    .map(f -> f.getName() + " " + f.getSource().getPath() + ":" + f.getLine()).toList();
            List<String> reported = new ArrayList<>();
            for (JsonElement f : fx.thread("alpha-worker").getAsJsonArray("stack")) {
                JsonObject o = f.getAsJsonObject();
                reported.add(o.get("name").getAsString() + " " + o.get("file").getAsString() + ":" + o.get("line").getAsInt());
            }
            assertThat(seen).isEqualTo(reported);

            StackFrame worker = Arrays.stream(frames).filter(f -> f.getName().equals("worker_alpha")).findFirst().orElseThrow();
            EvaluateArguments evaluate = new EvaluateArguments();
            evaluate.setExpression("alpha_local");
            evaluate.setFrameId(worker.getId());
            assertThat(await(server.evaluate(evaluate)).getResult()).isEqualTo("41");

            DisconnectArguments disconnect = new DisconnectArguments();
            disconnect.setTerminateDebuggee(true);
            await(server.disconnect(disconnect));
            assertThat(fx.process.isAlive()).as("the target runs on after the disconnect").isTrue();
        }
    }
}
