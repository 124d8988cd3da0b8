package dev.pyprobe.reader.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.perf.PerfEvent;
import dev.pyprobe.reader.probe.perf.PerfEventAttr;
import dev.pyprobe.reader.probe.watch.WatchKind;
import dev.pyprobe.reader.probe.watch.WatchListener;
import dev.pyprobe.reader.probe.watch.Watchpoint;
import dev.pyprobe.reader.probe.watch.Watchpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real hardware watchpoints on a C program that reads a 2-byte cell a known number of times. */
@Timeout(120)
class WatchpointTest {
    @TempDir
    static Path dir;
    static Path binary;

    @BeforeAll
    static void build() {
        Requirements.requireFile("/proc/sys/kernel/perf_event_paranoid", "perf events");
        binary = Fixture.compile("watch_fixture", dir);
    }

    /** Hits per thread, and everything that went wrong. */
    static final class Recorder implements WatchListener {
        final Map<Integer, AtomicLong> perThread = new ConcurrentHashMap<>();
        final List<String> problems = new ArrayList<>();

        @Override
        public void onHit(Watchpoint w, int tid, long timeNanos, long ip) {
            perThread.computeIfAbsent(tid, t -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public synchronized void onLost(Watchpoint w, long count) {
            problems.add("lost " + count);
        }

        @Override
        public synchronized void onThrottled(Watchpoint w, int tid) {
            problems.add("throttled on " + tid);
        }

        @Override
        public synchronized void onThreadFailed(Watchpoint w, int tid, ProbeException reason) {
            problems.add(tid + ": " + reason.getMessage());
        }

        long on(int tid) {
            return perThread.getOrDefault(tid, new AtomicLong()).get();
        }
    }

    static long address(String ready) {
        return Long.parseUnsignedLong(ready.split(" ")[2].substring(2), 16);
    }

    @Test
    void countsEveryReadInEveryThreadIncludingThreadsStartedLater() throws Exception {
        Requirements.requireDeliveredHardwareBreakpoints("watchpoint counting tests");
        try (Fixture target = new Fixture(List.of(binary.toString()));
                EventLoop loop = new EventLoop("watch-test", Duration.ofMillis(20))) {
            long cell = address(target.expect("ready"));
            Recorder rec = new Recorder();
            Watchpoints watchpoints = new Watchpoints(target.pid(), loop);
            Watchpoint w = watchpoints.watch(cell, 2, WatchKind.READ_WRITE, rec);

            target.send("run 1000");
            target.expect("done");
            loop.drainNow();
            assertThat(rec.on(target.pid())).isEqualTo(1000);

            target.send("spawn");
            int worker = Integer.parseInt(target.expect("spawned ").split(" ")[1]);
            w.rescanThreads();
            assertThat(w.threads()).contains(target.pid(), worker);
            target.send("trun 777");
            target.expect("tdone");
            target.send("run 5");
            target.expect("done");
            loop.drainNow();
            assertThat(rec.on(worker)).isEqualTo(777);
            assertThat(rec.on(target.pid())).isEqualTo(1005);
            assertThat(w.hits()).isEqualTo(1782);
            assertThat(w.delivered()).isEqualTo(1782);
            assertThat(w.lost()).isZero();
            assertThat(rec.problems).isEmpty();

            w.close();
            target.send("run 100");
            target.expect("done");
            loop.drainNow();
            assertThat(w.hits()).isEqualTo(1782);
            assertThat(watchpoints.freeRegisters()).isEqualTo(4);
        }
    }

    @Test
    void theFifthWatchpointIsRefusedAndTheKernelsOwnLimitIsReported() throws Exception {
        try (Fixture target = new Fixture(List.of(binary.toString()));
                EventLoop loop = new EventLoop("watch-budget", Duration.ofMillis(20));
                Watchpoints watchpoints = new Watchpoints(target.pid(), loop)) {
            long cell = address(target.expect("ready"));
            Recorder rec = new Recorder();
            for (int i = 0; i < 4; i++) {
                watchpoints.watch(cell + 2L * i, 2, WatchKind.READ_WRITE, rec);
            }
            assertThat(watchpoints.freeRegisters()).isZero();
            assertThatThrownBy(() -> watchpoints.watch(cell + 8, 2, WatchKind.READ_WRITE, rec))
                    .isInstanceOf(DebugRegistersExhaustedException.class)
                    .hasMessageContaining("debug register budget exhausted (4 per thread)");
            // A fifth breakpoint from outside this class meets the kernel's own limit (ENOSPC).
            assertThatThrownBy(() -> PerfEvent.breakpoint(cell + 8, 2, PerfEventAttr.HW_BREAKPOINT_RW, target.pid(), 1))
                    .isInstanceOf(DebugRegistersExhaustedException.class)
                    .hasMessageContaining("debug register budget exhausted (4 per thread) on thread " + target.pid());
        }
    }

    @Test
    void badAddressesAndLengthsAreRefusedBeforeTheKernelSeesThem() throws Exception {
        try (Fixture target = new Fixture(List.of(binary.toString()));
                EventLoop loop = new EventLoop("watch-bad", Duration.ofMillis(20));
                Watchpoints watchpoints = new Watchpoints(target.pid(), loop)) {
            long cell = address(target.expect("ready"));
            Recorder rec = new Recorder();
            assertThatThrownBy(() -> watchpoints.watch(cell + 1, 2, WatchKind.READ_WRITE, rec)).hasMessageContaining("aligned");
            assertThatThrownBy(() -> watchpoints.watch(cell, 3, WatchKind.READ_WRITE, rec)).hasMessageContaining("1, 2, 4 or 8");
            assertThatThrownBy(() -> watchpoints.watch(0, 2, WatchKind.READ_WRITE, rec)).hasMessageContaining("user-space");
            assertThatThrownBy(() -> watchpoints.watch(cell, 2, WatchKind.EXECUTE, rec)).hasMessageContaining("length 8");
            assertThat(watchpoints.freeRegisters()).isEqualTo(4);
        }
    }

    @Test
    void aWatchpointOnAMissingProcessFailsClearly() {
        try (EventLoop loop = new EventLoop("watch-missing", Duration.ofMillis(20))) {
            Watchpoints watchpoints = new Watchpoints(999_999_999, loop);
            assertThatThrownBy(() -> watchpoints.watch(0x1000, 2, WatchKind.READ_WRITE, new Recorder()))
                    .isInstanceOf(dev.pyprobe.reader.NoSuchProcessException.class);
            assertThat(watchpoints.freeRegisters()).isEqualTo(4);
        }
    }
}
