package dev.pyprobe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.probe.watch.BreakpointDelivery;
import dev.pyprobe.server.dap.PythonInterpreters;
import dev.pyprobe.server.dap.ThreadsFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code pyprobe mechanisms PID}: one line per mechanism, available or why not. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MechanismsCommandTest {
    @TempDir
    Path dir;

    @Test
    void saysForEachMechanismWhetherItCanTraceTheProcessHereAndWhyNot() throws Exception {
        String python = PythonInterpreters.any();
        try (ThreadsFixture target = ThreadsFixture.start(python, dir, "counting_fixture.py")) {
            List<String> lines = run(target.pid());
            assertThat(lines).extracting(l -> l.split("\\s+")[0]).containsExactly("usdt", "watchpoint", "uprobe");
            // Watchpoints as this host delivers them, found by the reader's own self-test.
            String watchpoint = lines.get(1);
            if (BreakpointDelivery.delivered()) {
                assertThat(watchpoint).matches("watchpoint\\s+available");
            } else {
                assertThat(watchpoint).contains("unavailable: hardware breakpoints");
            }
            System.setProperty("pyprobe.hardwareBreakpoints", "off");
            try {
                assertThat(run(target.pid()).get(1))
                        .isEqualTo("watchpoint  unavailable: hardware breakpoints are turned off (PYPROBE_HARDWARE_BREAKPOINTS=off)");
            } finally {
                System.clearProperty("pyprobe.hardwareBreakpoints");
            }
        }
    }

    private static List<String> run(int pid) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("mechanisms", Integer.toString(pid))).as("mechanisms: %s", err).isZero();
        return out.toString().lines().toList();
    }
}
