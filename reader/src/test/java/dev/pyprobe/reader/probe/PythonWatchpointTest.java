package dev.pyprobe.reader.probe;

import dev.pyprobe.reader.testing.SuitePythons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.watch.WatchKind;
import dev.pyprobe.reader.probe.watch.Watchpoint;
import dev.pyprobe.reader.probe.watch.Watchpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A read watchpoint on the first instruction of a Python function counts its calls, on every
 * installed CPython version.
 */
@Timeout(120)
class PythonWatchpointTest {
    private static final int CALLS = 1000;
    /**
     * Reads of the watched 2 bytes per call, measured: 3.12 reads the first instruction twice
     * (design.md), and 2.7 reads the opcode byte and then its argument, which starts in the
     * second byte. Every other version reads it once.
     */
    private static final Map<String, Integer> READS_PER_CALL = Map.of("3.12", 2, "2.7", 2);
    /**
     * Calls that find the instructions of the call path: those that read the watched bytes at
     * least once every other warm-up call (the first call may take another path). The interpreter also reads them, rarely, from elsewhere: 2.7's
     * periodic check every 100 instructions, 3.8-3.10's pending-events check, 3.11 and 3.13's
     * quickening and specialization. Those hits are real but are not calls.
     */
    private static final int WARM_UP = 100;

    private static long onCallPath(Watchpoint w, Set<Long> callPath) {
        return w.hitsByInstruction().entrySet().stream()
                .filter(e -> callPath.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"2.7.18", "3.6.15", "3.7.16", "3.8.18", "3.9.18", "3.10.13", "3.11.7", "3.12.1", "3.13.0"})
    void hitsEqualCalls(String version) throws Exception {
        Requirements.requireDeliveredHardwareBreakpoints("Python watchpoint tests");
        String python = SuitePythons.pyenv(version);
        Requirements.requireFile(python, "Python " + version);
        int reads = READS_PER_CALL.getOrDefault(version.substring(0, version.lastIndexOf('.')), 1);
        try (Fixture target = PythonFixture.start(python, dir);
                EventLoop loop = new EventLoop("py-watch", Duration.ofMillis(20));
                Watchpoints watchpoints = new Watchpoints(target.pid(), loop)) {
            long address = PythonFixture.firstInstruction(target.expect("ready"));
            Watchpoint w = watchpoints.watch(address, 2, WatchKind.READ_WRITE, (wp, tid, t, ip) -> { });
            target.send("run " + WARM_UP);
            target.expect("done");
            loop.drainNow();
            Set<Long> callPath = w.hitsByInstruction().entrySet().stream()
                    .filter(e -> e.getValue() >= WARM_UP / 2).map(Map.Entry::getKey).collect(Collectors.toSet());
            assertThat(callPath).as("instructions reading the bytecode at every call").hasSize(reads);
            long before = onCallPath(w, callPath);
            long allBefore = w.hits();

            target.send("run " + CALLS);
            target.expect("done");
            loop.drainNow();
            assertThat(w.lost()).isZero();
            assertThat(w.delivered()).isEqualTo(w.hits());
            assertThat(w.throttled()).as("kernel throttling (perf_event_max_sample_rate)").isZero();
            assertThat(onCallPath(w, callPath) - before).as("call-path hits; all: %s", w.hitsByInstruction()).isEqualTo((long) CALLS * reads);
            assertThat(w.hits() - allBefore - (long) CALLS * reads).as("reads off the call path").isLessThan(CALLS / 50);

            target.send("run 1");
            target.expect("done");
            loop.drainNow();
            assertThat(onCallPath(w, callPath) - before).isEqualTo((long) (CALLS + 1) * reads);
        }
    }
}
