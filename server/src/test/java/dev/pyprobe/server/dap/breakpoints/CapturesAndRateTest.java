package dev.pyprobe.server.dap.breakpoints;

import dev.pyprobe.server.tracing.RateWindow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.reader.python.PythonVersion;
import dev.pyprobe.reader.python.ThreadStack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapturesAndRateTest {

    private static Capture capture() {
        PythonThread thread = new PythonThread(1, 100, 0, "MainThread", true, false, 0, 0x10);
        ThreadStack stack = new ThreadStack(thread, List.of(new PythonFrame("work", "/a.py", 3, 2, 0x20, 0x30)), true);
        ProcessSnapshot snapshot = new ProcessSnapshot(100, null, Instant.EPOCH, List.of(stack));
        return new Capture(null, snapshot, stack, List.of(), true);
    }

    @Test
    void snapshotThreadsHaveIdsOfTheirOwnAndAtMostTwentyAreKept() {
        Captures captures = new Captures();
        List<Integer> dropped = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < Captures.MAX_KEPT + 3; i++) {
            Captures.Added added = captures.add("snapshot " + i, capture());
            ids.add(added.shown().threadId());
            added.dropped().ifPresent(d -> dropped.add(d.threadId()));
        }
        assertThat(ids.get(0)).isEqualTo(Captures.FIRST_THREAD_ID);
        assertThat(ids).doesNotHaveDuplicates().allMatch(Captures::isCaptureThread);
        assertThat(dropped).containsExactly(ids.get(0), ids.get(1), ids.get(2));
        assertThat(captures.all()).hasSize(Captures.MAX_KEPT);
        assertThat(captures.remove(ids.get(5))).isPresent();
        assertThat(captures.get(ids.get(5))).isEmpty();
        assertThat(captures.remove(ids.get(5))).isEmpty();
        assertThat(Captures.isCaptureThread(1)).isFalse();
    }

    @Test
    void theHittingFramesLocalsAreFoundByTheFrameItself() {
        Captures captures = new Captures();
        Capture c = capture();
        captures.add("s", c);
        assertThat(captures.localsOf(c.hitFrame())).contains(List.of());
        PythonFrame equalButOther = new PythonFrame("work", "/a.py", 3, 2, 0x20, 0x30);
        assertThat(captures.localsOf(equalButOther)).isEmpty();
    }

    @Test
    void theRateWindowLetsThroughItsLimitPerSecondOfHitTime() {
        RateWindow rate = new RateWindow(3);
        long second = 1_000_000_000L;
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            admitted += rate.admit(5 * second + i) ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(3);
        assertThat(rate.admit(5 * second + second - 1)).isFalse();
        assertThat(rate.admit(6 * second + 10)).isTrue();
    }
}
