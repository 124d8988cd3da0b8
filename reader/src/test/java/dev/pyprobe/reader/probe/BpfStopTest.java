package dev.pyprobe.reader.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.probe.bpf.BpfProgram;
import dev.pyprobe.reader.probe.bpf.PlaceCounter;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.watch.WatchKind;
import dev.pyprobe.reader.probe.watch.Watchpoint;
import dev.pyprobe.reader.probe.watch.Watchpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opt-in stop on a watchpoint: a BPF program on the event sends SIGSTOP to the thread at the
 * hit; the process stays stopped until SIGCONT, and every hit is still counted. (The uprobe and
 * USDT filters stop from their own program: TracerTest.)
 */
@Timeout(120)
class BpfStopTest {
    private static final int HITS = 3;

    @TempDir
    static Path dir;

    @BeforeAll
    static void require() {
        Requirements.requireFile("/proc/sys/kernel/perf_event_paranoid", "perf events");
        Requirements.requireUprobes();
    }

    @Test
    void aWatchpointHitStopsTheProcessUntilContinued() throws Exception {
        Requirements.requireDeliveredHardwareBreakpoints("watchpoint stop tests");
        Path binary = Fixture.compile("watch_fixture", dir);
        try (Fixture target = new Fixture(List.of(binary.toString()));
                EventLoop loop = new EventLoop("bpf-watch", Duration.ofMillis(20));
                PlaceCounter stop = PlaceCounter.load(true);
                Watchpoints watchpoints = new Watchpoints(target.pid(), loop)) {
            long cell = WatchpointTest.address(target.expect("ready"));
            Watchpoint w = watchpoints.watch(cell, 2, WatchKind.READ_WRITE, (wp, tid, t, ip) -> { }, stop.program());
            target.send("run " + HITS);
            stopAndContinueEachHit(target.pid(), loop, w::hits);
            target.expect("done");
            long counted = 0;
            for (long place : w.hitsByInstruction().keySet()) {
                counted += stop.hitsFrom(place);
            }
            assertThat(counted).as("the kernel's count per place adds up to every hit").isEqualTo(HITS);
        }
    }

    /**
     * For each expected hit: the process is seen stopped with exactly that many hits, stays so
     * (no further hit while we wait), then is resumed and runs into the next hit.
     */
    private static void stopAndContinueEachHit(int pid, EventLoop loop, LongSupplier hits) throws Exception {
        for (int i = 1; i <= HITS; i++) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (true) {
                loop.drainNow();
                if (hits.getAsLong() == i && state(pid) == 'T') {
                    break;
                }
                assertThat(System.nanoTime()).as("process %d stopped at hit %d (hits %d)", pid, i, hits.getAsLong())
                        .isLessThan(deadline);
                Thread.sleep(5);
            }
            Thread.sleep(100);
            loop.drainNow();
            assertThat(state(pid)).isEqualTo('T');
            assertThat(hits.getAsLong()).isEqualTo(i);
            Readelf.run("kill", "-CONT", Integer.toString(pid));
        }
    }

    private static char state(int pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }
}
