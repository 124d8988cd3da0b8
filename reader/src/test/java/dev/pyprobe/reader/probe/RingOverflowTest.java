package dev.pyprobe.reader.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.probe.perf.EventCounts;
import dev.pyprobe.reader.probe.perf.EventListener;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.perf.PerfEvent;
import dev.pyprobe.reader.probe.perf.PerfEventAttr;
import dev.pyprobe.reader.probe.perf.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ring too small for the hits: the kernel still counts every hit, says how many samples it
 * dropped, and the PERF_RECORD_LOST it writes once there is room again reaches the listener.
 */
@Timeout(60)
class RingOverflowTest {
    private static final int READS = 1000;

    @TempDir
    Path dir;

    @Test
    void droppedSamplesAreCountedAndReported() throws Exception {
        Requirements.requireDeliveredHardwareBreakpoints("watchpoint ring overflow tests");
        Path binary = Fixture.compile("watch_fixture", dir);
        try (Fixture target = new Fixture(List.of(binary.toString()));
                EventLoop loop = new EventLoop("overflow", Duration.ofSeconds(10))) {
            long cell = WatchpointTest.address(target.expect("ready"));
            // One data page holds 128 samples of 32 bytes; nobody reads it while the target runs.
            PerfEvent event = PerfEvent.breakpoint(cell, 2, PerfEventAttr.HW_BREAKPOINT_RW, target.pid(), 1);
            try {
                event.enable();
                target.send("run " + READS);
                target.expect("done");

                EventCounts counts = event.counts();
                assertThat(counts.hits()).isEqualTo(READS);
                long lost = counts.lost();
                assertThat(lost).as("samples that did not fit one page").isBetween((long) READS - 128, (long) READS - 100);

                AtomicLong samples = new AtomicLong();
                AtomicLong lostReported = new AtomicLong();
                loop.add(event, new EventListener() {
                    @Override
                    public void onSample(PerfEvent source, Sample sample) {
                        assertThat(sample.tid()).isEqualTo(target.pid());
                        samples.incrementAndGet();
                    }

                    @Override
                    public void onLost(PerfEvent source, long count) {
                        lostReported.addAndGet(count);
                    }

                    @Override
                    public void onThrottled(PerfEvent source) {
                    }
                });
                loop.drainNow();
                assertThat(samples.get()).isEqualTo(READS - lost);

                target.send("run 1"); // the kernel writes the LOST record before its next sample
                target.expect("done");
                loop.drainNow();
                assertThat(lostReported.get()).isEqualTo(lost);
                assertThat(samples.get()).isEqualTo(READS - lost + 1);
                assertThat(loop.lostRecords()).isEqualTo(lost);
                assertThat(event.counts()).isEqualTo(new EventCounts(READS + 1, lost));
                loop.remove(event);
            } finally {
                event.close();
            }
        }
    }
}
