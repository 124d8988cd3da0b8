package dev.pyprobe.server.cli;

import dev.pyprobe.reader.probe.watch.BreakpointDelivery;
import dev.pyprobe.reader.testing.SuiteBuilds;
import dev.pyprobe.reader.testing.SuitePythons;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pyprobe.server.dap.PythonInterpreters;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code pyprobe trace} as a user runs it, against real interpreters, with whatever mechanism it
 * chooses on this host: a tight loop of 200000 calls counted exactly while another thread calls
 * another function, and {@code --if}/{@code --log} printing only the hits whose condition holds.
 */
@Timeout(180)
class TraceCommandTest {
    private static final int TIGHT_LOOP = 200_000;

    @TempDir
    Path dir;

    /** Every interpreter whose functions something can trace on this host (the others: TracerTest). */
    static List<String> interpreters() {
        return PythonInterpreters.all()
                .filter(p -> SuiteBuilds.kernelMechanism(p).isPresent() || BreakpointDelivery.delivered()).toList();
    }

    /** A target that waits for one command, runs it and exits. */
    private final class Target implements AutoCloseable {
        final Process process;
        final long pid;
        final BufferedReader out;
        final Writer in;

        Target(String python) throws Exception {
            PythonInterpreters.requireInstalled(python);
            Path script = dir.resolve("trace_cli_target.py");
            Files.copy(TraceCommandTest.class.getResourceAsStream("/cli/trace_cli_target.py"), script);
            process = new ProcessBuilder(python, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            pid = SuitePythons.targetPid(process, python);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            assertThat(out.readLine()).isEqualTo("ready");
        }

        void run(String command) throws Exception {
            in.write(command + "\n");
            in.flush();
            assertThat(out.readLine()).isEqualTo("done");
        }

        @Override
        public void close() throws Exception {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The command running in this JVM, as the launcher would run it; it ends when the target exits. */
    private static final class Trace {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final Thread thread;
        final int[] exit = {-1};

        Trace(String... args) throws Exception {
            CommandLine cli = new CommandLine(new TraceCommand());
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            thread = new Thread(() -> exit[0] = cli.execute(args));
            thread.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!err.toString().contains("Ctrl-C to end")) {
                assertThat(thread.isAlive()).as("trace ended early: %s", err).isTrue();
                assertThat(System.nanoTime()).as("trace did not start: %s", err).isLessThan(deadline);
                Thread.sleep(20);
            }
        }

        String finish() throws Exception {
            thread.join(60_000);
            assertThat(exit[0]).as("exit status; stderr: %s", err).isZero();
            return out.toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void countsATightLoopExactlyAsJson(String python) throws Exception {
        try (Target t = new Target(python)) {
            Trace trace = new Trace(Long.toString(t.pid), "--function", "counted", "--count", "--json",
                    "--accept-cost");
            t.run("loop " + TIGHT_LOOP);
            JsonObject doc = JsonParser.parseString(trace.finish().trim()).getAsJsonObject();
            JsonObject tp = doc.getAsJsonArray("tracepoints").get(0).getAsJsonObject();
            assertThat(tp.get("hits").getAsLong()).as("%s via %s", python, tp.get("mechanism")).isEqualTo(TIGHT_LOOP);
            assertThat(trace.err.toString()).contains("counted via " + tp.get("mechanism").getAsString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void printsOnlyTheHitsWhoseConditionHoldsWithTheirLogMessage(String python) throws Exception {
        int calls = 10;
        try (Target t = new Target(python)) {
            Trace trace = new Trace(Long.toString(t.pid), "--function", "total", "--if", "k > 2",
                    "--log", "price={price} k={k}", "--accept-cost");
            t.run("totals " + calls);
            List<String> lines = new ArrayList<>(trace.finish().lines().toList());
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                if (i % 5 > 2) {
                    expected.add("price=" + (10 + i) + " k=" + (i % 5));
                }
            }
            assertThat(lines).hasSize(expected.size());
            for (int i = 0; i < lines.size(); i++) {
                assertThat(lines.get(i)).contains("total (").endsWith(": " + expected.get(i));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void aConditionThatCannotBeParsedSaysWhy(String python) throws Exception {
        try (Target t = new Target(python)) {
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new TraceCommand());
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute(Long.toString(t.pid), "--function", "total", "--if", "k >");
            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains("lacks a side of its comparison");
        }
    }
}
