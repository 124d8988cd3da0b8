package dev.pyprobe.reader.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.probe.perf.EventListener;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.perf.PerThreadEvents;
import dev.pyprobe.reader.probe.perf.PerfEvent;
import dev.pyprobe.reader.probe.perf.PerfEventAttr;
import dev.pyprobe.reader.probe.perf.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread created by a followed thread gets its own event from the FORK record alone: the
 * periodic /proc rescan is set to an hour here, so it cannot be what finds the thread.
 */
@Timeout(60)
class ThreadFollowingTest {
    @TempDir
    Path dir;

    @Test
    void aNewThreadIsFollowedFromItsForkRecord() throws Exception {
        Requirements.requireDeliveredHardwareBreakpoints("watchpoint thread-following tests");
        Path binary = Fixture.compile("watch_fixture", dir);
        try (Fixture target = new Fixture(List.of(binary.toString()));
                EventLoop loop = new EventLoop("follow", Duration.ofMillis(10))) {
            long cell = WatchpointTest.address(target.expect("ready"));
            Map<Integer, AtomicLong> perThread = new ConcurrentHashMap<>();
            EventListener counter = new EventListener() {
                @Override
                public void onSample(PerfEvent source, Sample sample) {
                    perThread.computeIfAbsent(sample.tid(), t -> new AtomicLong()).incrementAndGet();
                }

                @Override
                public void onLost(PerfEvent source, long count) {
                }

                @Override
                public void onThrottled(PerfEvent source) {
                }
            };
            try (PerThreadEvents events = PerThreadEvents.open(target.pid(),
                    tid -> PerfEvent.breakpoint(cell, 2, PerfEventAttr.HW_BREAKPOINT_RW, tid, 8), loop, counter,
                    (tid, reason) -> { }, Duration.ofHours(1))) {
                assertThat(events.threads()).containsExactly(target.pid());
                target.send("spawn");
                int worker = Integer.parseInt(target.expect("spawned ").split(" ")[1]);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (!events.threads().contains(worker)) {
                    assertThat(System.nanoTime()).as("worker %d followed", worker).isLessThan(deadline);
                    Thread.sleep(5);
                }
                target.send("trun 200");
                target.expect("tdone");
                loop.drainNow();
                assertThat(perThread.get(worker)).hasValue(200);
                assertThat(events.counts().hits()).isEqualTo(200);
            }
        }
    }
}
