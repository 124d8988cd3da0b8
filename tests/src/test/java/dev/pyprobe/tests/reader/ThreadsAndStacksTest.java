package dev.pyprobe.tests.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.reader.python.SnapshotOptions;
import dev.pyprobe.reader.python.ThreadStack;
import dev.pyprobe.tests.support.BlockedThreadsFacts;
import dev.pyprobe.tests.support.Fixtures;
import dev.pyprobe.tests.support.ForEachInterpreter;
import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.SelfReport;
import dev.pyprobe.tests.support.SharedFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;

/**
 * Attaches to blocked_threads.py and compares every thread and frame pyprobe reads with what the
 * program reported about itself: same threads (ident and kernel TID), names, and frame by frame
 * the same function, file, line and first line.
 */
class ThreadsAndStacksTest {
    private static final Duration SETTLE = Duration.ofSeconds(5);

    @ForEachInterpreter
    void snapshotMatchesTheSelfReportFrameByFrame(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        SelfReport.BlockedThreads report = fixture.report();
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            ProcessSnapshot snapshot = target.snapshot(SnapshotOptions.DEFAULT);
            assertThat(snapshot.pid()).isEqualTo(fixture.pid());
            assertThat(snapshot.version()).isEqualTo(report.pythonVersion());
            assertMatches(snapshot, fixture);
        }
    }

    @ForEachInterpreter
    void frozenSnapshotMatchesTooAndLeavesTheTargetAsItWas(Interpreter interpreter) throws IOException {
        // Its own fixture: SIGSTOP/SIGCONT must not disturb it, but if it did, no other test should pay.
        try (var fixture = Fixtures.blockedThreads(interpreter);
             PythonTarget target = PythonTargets.attach(fixture.pid())) {
            assertMatches(target.snapshot(SnapshotOptions.DEFAULT.withFreeze(true)), fixture);
            for (SelfReport.Thread thread : fixture.report().threads()) {
                // SIGCONT wakes each thread, which then re-enters its blocking call: S again, never T.
                assertThat(FixtureSelfReportTest.awaitKernelState(fixture.pid(), fixture.hostTid(thread), "S", SETTLE))
                        .as(thread.name() + " after a frozen snapshot").isEqualTo("S");
            }
            assertMatches(target.snapshot(SnapshotOptions.DEFAULT), fixture);
        }
    }

    /**
     * The sampler's read of several threads at once gives each the stack the fixture reports: the
     * first time by walking each chain, after that from the chains last seen, all in one batch.
     */
    @ForEachInterpreter
    void severalStacksReadTogetherMatchTheFixture(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            List<PythonThread> threads = target.threads();
            for (int read = 0; read < 3; read++) {
                List<ThreadStack> stacks = target.stacks(threads, SnapshotOptions.DEFAULT.maxDepth());
                assertThat(stacks).extracting(ThreadStack::thread).as("read %d", read).isEqualTo(threads);
                assertMatches(new ProcessSnapshot(fixture.pid(), target.version(), java.time.Instant.now(), stacks), fixture);
            }
        }
    }

    /** A process stopped already (at a breakpoint, by its user) is read frozen and left stopped. */
    @ForEachInterpreter
    void aFrozenSnapshotOfAStoppedProcessLeavesItStopped(Interpreter interpreter) throws Exception {
        try (var fixture = Fixtures.blockedThreads(interpreter);
             PythonTarget target = PythonTargets.attach(fixture.pid())) {
            signal(fixture.pid(), "STOP");
            for (SelfReport.Thread thread : fixture.report().threads()) {
                assertThat(FixtureSelfReportTest.awaitKernelState(fixture.pid(), fixture.hostTid(thread), "T", SETTLE))
                        .as(thread.name() + " stopped by its user").isEqualTo("T");
            }
            assertMatches(target.snapshot(SnapshotOptions.DEFAULT.withFreeze(true)), fixture);
            Thread.sleep(200);
            for (SelfReport.Thread thread : fixture.report().threads()) {
                assertThat(FixtureSelfReportTest.awaitKernelState(fixture.pid(), fixture.hostTid(thread), "T", SETTLE))
                        .as(thread.name() + " after a frozen snapshot of the stopped process").isEqualTo("T");
            }
            signal(fixture.pid(), "CONT");
        }
    }

    private static void signal(int pid, String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Integer.toString(pid)).start().waitFor()).isZero();
    }

    @ForEachInterpreter
    void recursionIsReadCompletelyAndMaxDepthKeepsTheInnermostFrames(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        SelfReport.Thread recursor = fixture.report().thread("recursor");
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            List<PythonFrame> frames = stackOf(target.snapshot(SnapshotOptions.DEFAULT), recursor.ident()).frames();
            assertThat(frames).hasSize(recursor.frames().size());
            assertThat(frames.stream().filter(f -> f.function().equals(BlockedThreadsFacts.RECURSIVE_FUNCTION)))
                    .hasSize(500);

            List<PythonFrame> cut = stackOf(target.snapshot(SnapshotOptions.DEFAULT.withMaxDepth(100)), recursor.ident()).frames();
            assertThat(cut).hasSize(100);
            assertThat(describe(cut)).isEqualTo(describeReported(recursor.frames().subList(0, 100)));
        }
    }

    @ForEachInterpreter
    void nonAsciiNamesAreExact(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        SelfReport.BlockedThreads report = fixture.report();
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            ProcessSnapshot snapshot = target.snapshot(SnapshotOptions.DEFAULT);
            List<PythonFrame> sleeper = stackOf(snapshot, report.thread("sleeper").ident()).frames();
            assertThat(sleeper.get(0).function()).isEqualTo(BlockedThreadsFacts.sleeperInnermostFunction(report.pythonVersion()));
            assertThat(sleeper.get(1).function()).isEqualTo(BlockedThreadsFacts.sleeperCallerFunction(report.pythonVersion()));
            assertThat(sleeper.get(0).file()).isEqualTo(report.unicodeModuleFile());
            assertThat(Path.of(sleeper.get(0).file()).getFileName().toString())
                    .isEqualTo(BlockedThreadsFacts.unicodeModuleFileName(report.pythonVersion()));
            assertThat(stackOf(snapshot, report.thread("worker").ident()).thread().name())
                    .isEqualTo(BlockedThreadsFacts.WORKER_NAME);
        }
    }

    @ForEachInterpreter
    void threadListAgreesWithTheSnapshot(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            assertThat(target.pid()).isEqualTo(fixture.pid());
            assertThat(target.version()).isEqualTo(fixture.report().pythonVersion());
            assertThat(target.isAlive()).isTrue();
            Map<Long, String> expected = fixture.report().threads().stream()
                    .collect(Collectors.toMap(SelfReport.Thread::ident, SelfReport.Thread::name));
            Map<Long, String> read = target.threads().stream()
                    .collect(Collectors.toMap(PythonThread::ident, PythonThread::name));
            assertThat(read).isEqualTo(expected);
        }
    }

    private static void assertMatches(ProcessSnapshot snapshot, Fixtures.Started<SelfReport.BlockedThreads> fixture) {
        Map<Long, SelfReport.Thread> expected = fixture.report().threadsByIdent();
        assertThat(snapshot.threads()).extracting(s -> s.thread().ident())
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        SoftAssertions softly = new SoftAssertions();
        for (ThreadStack stack : snapshot.threads()) {
            PythonThread thread = stack.thread();
            SelfReport.Thread reported = expected.get(thread.ident());
            String who = reported.role() + " thread";
            softly.assertThat(thread.nativeId()).as(who + " host TID").isEqualTo(fixture.hostTid(reported));
            softly.assertThat(thread.name()).as(who + " name").isEqualTo(reported.name());
            softly.assertThat(thread.holdsGil()).as(who + " holds the GIL while blocked").isFalse();
            softly.assertThat(thread.idle()).as(who + " idle while blocked").isTrue();
            softly.assertThat(thread.interpreterId()).as(who + " interpreter").isZero();
            softly.assertThat(stack.consistent()).as(who + " stack consistent").isTrue();
            softly.assertThat(describe(stack.frames())).as(who + " frames").isEqualTo(describeReported(reported.frames()));
            softly.assertThat(stack.frames()).as(who + " frame addresses").allSatisfy(f -> {
                assertThat(f.frameAddress()).isNotZero();
                assertThat(f.codeAddress()).isNotZero();
            });
        }
        softly.assertAll();
    }

    static ThreadStack stackOf(ProcessSnapshot snapshot, long ident) {
        return snapshot.threads().stream().filter(s -> s.thread().ident() == ident).findFirst()
                .orElseThrow(() -> new AssertionError("no thread with ident " + ident + " in " + snapshot.threads()));
    }

    /** One line per frame, so that a mismatch shows as a readable diff. */
    static List<String> describe(List<PythonFrame> frames) {
        return frames.stream().map(f -> f.function() + " " + f.file() + ":" + f.line() + " (def " + f.firstLine() + ")")
                .toList();
    }

    static List<String> describeReported(List<SelfReport.Frame> frames) {
        return frames.stream().map(f -> f.function() + " " + f.file() + ":" + f.line() + " (def " + f.firstLine() + ")")
                .toList();
    }
}
