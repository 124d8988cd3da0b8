package dev.pyprobe.reader.probe;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Events start disabled, count only while enabled, and a failing listener does not stop the reader. */
@Timeout(60)
class PerfEventControlTest {
    @TempDir
    Path dir;

    @Test
    void enableAndDisableGateCounting() throws Exception {
        Requirements.requireDeliveredHardwareBreakpoints("perf event control tests on watchpoints");
        Path binary = Fixture.compile("watch_fixture", dir);
        try (Fixture target = new Fixture(List.of(binary.toString()))) {
            long cell = WatchpointTest.address(target.expect("ready"));
            try (PerfEvent event = PerfEvent.breakpoint(cell, 2, PerfEventAttr.HW_BREAKPOINT_RW, target.pid(), 8)) {
                run(target, 10);
                assertThat(event.counts().hits()).as("opened disabled").isZero();
                event.enable();
                run(target, 10);
                assertThat(event.counts().hits()).isEqualTo(10);
                event.disable();
                run(target, 10);
                assertThat(event.counts().hits()).isEqualTo(10);
                event.enable();
                run(target, 5);
                assertThat(event.counts().hits()).isEqualTo(15);
            }
        }
    }

    @Test
    void aListenerThatThrowsIsCountedAndTheOthersStillGetTheirSamples() throws Exception {
        Requirements.requireDeliveredHardwareBreakpoints("perf event control tests on watchpoints");
        Path binary = Fixture.compile("watch_fixture", dir);
        try (Fixture target = new Fixture(List.of(binary.toString()));
                EventLoop loop = new EventLoop("control", Duration.ofMillis(20))) {
            long cell = WatchpointTest.address(target.expect("ready"));
            try (PerfEvent failing = PerfEvent.breakpoint(cell, 2, PerfEventAttr.HW_BREAKPOINT_RW, target.pid(), 8);
                    PerfEvent counted = PerfEvent.breakpoint(cell, 2, PerfEventAttr.HW_BREAKPOINT_RW, target.pid(), 8)) {
                AtomicLong samples = new AtomicLong();
                loop.add(failing, listener(s -> {
                    throw new IllegalStateException("listener bug");
                }));
                loop.add(counted, listener(s -> samples.incrementAndGet()));
                failing.enable();
                counted.enable();
                run(target, 50);
                loop.drainNow();
                assertThat(loop.listenerFailures()).isEqualTo(50);
                assertThat(samples.get()).isEqualTo(50);
                loop.remove(failing);
                loop.remove(counted);
            }
        }
    }

    private static EventListener listener(java.util.function.Consumer<Sample> onSample) {
        return new EventListener() {
            @Override
            public void onSample(PerfEvent source, Sample sample) {
                onSample.accept(sample);
            }

            @Override
            public void onLost(PerfEvent source, long count) {
            }

            @Override
            public void onThrottled(PerfEvent source) {
            }
        };
    }

    private static void run(Fixture target, int reads) throws Exception {
        target.send("run " + reads);
        target.expect("done");
    }
}
