package dev.pyprobe.tests.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.SnapshotOptions;
import dev.pyprobe.reader.python.ThreadStack;
import dev.pyprobe.tests.support.BusyCalls;
import dev.pyprobe.tests.support.ForEachInterpreter;
import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.SelfReport;
import dev.pyprobe.tests.support.SharedFixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;

/**
 * busy.py's spinner changes its stack faster than anyone can read it. Every snapshot must still
 * succeed; a stack marked consistent must be one the program could really have had (known
 * functions at lines inside them, each caller at a line that calls its callee, bootstrap frames at
 * the bottom), and some must be; the blocked main thread must read exactly as reported the whole
 * time.
 */
class BusyTargetTest {
    private static final int SNAPSHOTS = 200;
    /**
     * A consistent stack of the spinner is the kernel's copy of it, which needs the spinner to run
     * while a snapshot waits for one; a loaded two-core machine may not let it for a while: keep
     * reading, under the same checks, until one is seen or this many were taken.
     */
    private static final int MAX_SNAPSHOTS = 10_000;

    @ForEachInterpreter
    void stacksOfASpinningThreadAreConsistentOrMarkedTorn(Interpreter interpreter) throws IOException {
        var fixture = SharedFixtures.busy(interpreter);
        SelfReport.Busy report = fixture.report();
        BusyCalls calls = BusyCalls.of(report);
        SelfReport.Thread main = report.thread("main");
        SelfReport.Thread spinner = report.thread("spinner");
        int consistentWithRecursion = 0;
        int spinnerHeldGil = 0;
        int spinnerRunning = 0;
        SoftAssertions softly = new SoftAssertions();
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            for (int i = 0; i < SNAPSHOTS || (consistentWithRecursion == 0 && i < MAX_SNAPSHOTS); i++) {
                ProcessSnapshot snapshot = target.snapshot(SnapshotOptions.DEFAULT);
                assertThat(snapshot.threads()).extracting(s -> s.thread().ident())
                        .containsExactlyInAnyOrder(main.ident(), spinner.ident());

                ThreadStack mainStack = ThreadsAndStacksTest.stackOf(snapshot, main.ident());
                softly.assertThat(mainStack.consistent()).as("main consistent, snapshot " + i).isTrue();
                softly.assertThat(ThreadsAndStacksTest.describe(mainStack.frames())).as("main frames, snapshot " + i)
                        .isEqualTo(ThreadsAndStacksTest.describeReported(main.frames()));
                softly.assertThat(mainStack.thread().holdsGil()).as("main holds the GIL, snapshot " + i).isFalse();

                ThreadStack spinning = ThreadsAndStacksTest.stackOf(snapshot, spinner.ident());
                softly.assertThat(spinning.thread().nativeId()).isEqualTo(fixture.hostTid(spinner));
                spinnerHeldGil += spinning.thread().holdsGil() ? 1 : 0;
                spinnerRunning += spinning.thread().idle() ? 0 : 1;
                if (spinning.consistent()) {
                    assertPlausible(softly, spinning.frames(), report, "snapshot " + i);
                    List<BusyCalls.Frame> outermostFirst = new ArrayList<>();
                    for (PythonFrame f : spinning.frames()) {
                        outermostFirst.add(0, new BusyCalls.Frame(f.function(), f.file(), f.line()));
                    }
                    softly.assertThat(calls.wrongCalls(outermostFirst)).as("calls busy.py does not make, snapshot " + i)
                            .isEmpty();
                    consistentWithRecursion += spinning.frames().stream()
                            .anyMatch(f -> f.function().equals("descend")) ? 1 : 0;
                }
            }
        }
        softly.assertAll();
        assertThat(consistentWithRecursion).as("consistent spinner stacks inside descend()").isPositive();
        assertThat(spinnerHeldGil).as("snapshots where the spinner held the GIL").isPositive();
        assertThat(spinnerRunning).as("snapshots where the spinner was not idle").isPositive();
    }

    /**
     * Frames in busy.py belong to its functions and sit inside them (line 0 is allowed: the
     * reader's "instruction without a line"); frames elsewhere are threading's bootstrap.
     */
    private static void assertPlausible(SoftAssertions softly, List<PythonFrame> frames, SelfReport.Busy report,
                                        String when) {
        softly.assertThat(frames).as("spinner frames, " + when).isNotEmpty();
        if (frames.isEmpty()) {
            return;
        }
        softly.assertThat(frames.get(frames.size() - 1).function()).as("outermost frame, " + when).endsWith("_bootstrap");
        for (PythonFrame frame : frames) {
            String where = frame.function() + " at " + frame.file() + ":" + frame.line() + ", " + when;
            if (frame.file().equals(report.file())) {
                List<Integer> range = report.functions().get(frame.function());
                softly.assertThat(range).as("known function: " + where).isNotNull();
                if (range != null && frame.line() != 0) {
                    softly.assertThat(frame.line()).as("line inside its function: " + where)
                            .isBetween(range.get(0), range.get(1));
                    softly.assertThat(frame.firstLine()).as("first line: " + where).isEqualTo(range.get(0));
                }
            } else {
                softly.assertThat(frame.file()).as("file: " + where).endsWith("threading.py");
            }
        }
    }
}
