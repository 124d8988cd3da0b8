package dev.pyprobe.tests.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.PythonVersion;
import dev.pyprobe.tests.support.BlockedThreadsFacts;
import dev.pyprobe.tests.support.ForEachInterpreter;
import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.SelfReport;
import dev.pyprobe.tests.support.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fixture is the oracle of the end-to-end tests, so it is checked on its own first: against
 * the kernel (threads, TIDs, blocked states) and against what it is meant to exercise.
 */
class FixtureSelfReportTest {

    @ForEachInterpreter
    void reportsEveryThreadWithItsKernelTid(Interpreter interpreter) throws IOException {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        SelfReport.BlockedThreads report = fixture.report();

        assertThat(report.threads()).extracting(SelfReport.Thread::role)
                .containsExactlyInAnyOrder("main", "worker", "sleeper", "recursor", "locals");
        assertThat(report.threads()).extracting(SelfReport.Thread::name)
                .containsExactlyInAnyOrder("MainThread", BlockedThreadsFacts.WORKER_NAME, "sleeper", "recursor", "locals");
        assertThat(fixture.hostTid(report.thread("main"))).isEqualTo(fixture.pid());
        assertThat(report.threads()).extracting(SelfReport.Thread::ident).doesNotHaveDuplicates();
        Set<Integer> reportedTids = report.threads().stream().map(fixture::hostTid).collect(Collectors.toSet());
        assertThat(reportedTids).isEqualTo(kernelTids(fixture.pid()));
    }

    @ForEachInterpreter
    void everyThreadIsBlockedInTheKernel(Interpreter interpreter) throws IOException {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        for (SelfReport.Thread thread : fixture.report().threads()) {
            assertThat(kernelState(fixture.pid(), fixture.hostTid(thread))).as(thread.name()).isEqualTo("S");
        }
    }

    @ForEachInterpreter
    void stacksHoldWhatTheTestsExercise(Interpreter interpreter) {
        SelfReport.BlockedThreads report = SharedFixtures.blockedThreads(interpreter).report();
        PythonVersion version = report.pythonVersion();

        List<SelfReport.Frame> recursor = report.thread("recursor").frames();
        assertThat(recursor.stream().filter(f -> f.function().equals(BlockedThreadsFacts.RECURSIVE_FUNCTION)))
                .hasSize(report.recursionDepth()).hasSize(500);
        assertThat(recursor.get(0).function()).isEqualTo("blocked_on_lock");

        List<SelfReport.Frame> sleeper = report.thread("sleeper").frames();
        assertThat(sleeper.get(0).function()).isEqualTo(BlockedThreadsFacts.sleeperInnermostFunction(version));
        assertThat(sleeper.get(1).function()).isEqualTo(BlockedThreadsFacts.sleeperCallerFunction(version));
        assertThat(Path.of(sleeper.get(0).file()).getFileName().toString())
                .isEqualTo(BlockedThreadsFacts.unicodeModuleFileName(version));

        assertThat(report.thread("locals").frames().get(0).function()).isEqualTo(BlockedThreadsFacts.LOCALS_FUNCTION);
        assertThat(report.localsFrame().function()).isEqualTo(BlockedThreadsFacts.LOCALS_FUNCTION);
        assertThat(report.localsFrame().threadIdent()).isEqualTo(report.thread("locals").ident());
        for (SelfReport.Thread thread : report.threads()) {
            assertThat(thread.frames()).as(thread.name()).allSatisfy(f -> assertThat(f.line()).isPositive());
        }
    }

    @ForEachInterpreter
    void localsCoverEveryKindOfValue(Interpreter interpreter) {
        SelfReport.BlockedThreads report = SharedFixtures.blockedThreads(interpreter).report();
        var locals = report.localsFrame().byName();
        boolean py2 = interpreter.python2();

        assertThat(locals.get("v_big_int").type()).isEqualTo(py2 ? "long" : "int");
        assertThat(locals.get("v_big_int").repr()).isEqualTo("1267650600228229401496703205383" + (py2 ? "L" : ""));
        assertThat(locals.get("v_str_ucs4").type()).isEqualTo(py2 ? "unicode" : "str");
        assertThat(locals.get("v_bytes").type()).isEqualTo(py2 ? "str" : "bytes");
        assertThat(locals.get("v_long_list").len()).isEqualTo(1000);
        assertThat(locals.get("v_long_str").repr()).hasSize(10_000 + (py2 ? 3 : 2));
        assertThat(locals.get("v_instance").attributes()).containsExactly("x", "y");
        assertThat(locals.get("v_cycle").repr()).isEqualTo("[1, [...]]");
        assertThat(locals).containsKeys("v_none", "v_true", "v_false", "v_float", "v_str_latin1", "v_str_ucs2",
                "v_tuple", "v_list", "v_dict", "v_set", "v_frozenset", "v_nested", "label", "checkpoint");
        assertThat(report.localsFrame().locals()).allSatisfy(l -> assertThat(l.id()).isNotZero());
    }

    static Set<Integer> kernelTids(int pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Integer.toString(pid), "task"))) {
            return tasks.map(p -> Integer.parseInt(p.getFileName().toString())).collect(Collectors.toSet());
        }
    }

    /** Polls the state until it is the wanted one or the timeout passes; returns the last state seen. */
    static String awaitKernelState(int pid, int tid, String wanted, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = kernelState(pid, tid);
        while (!state.equals(wanted) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            state = kernelState(pid, tid);
        }
        return state;
    }

    /** The state letter of /proc/PID/task/TID/stat (after the parenthesised command name). */
    static String kernelState(int pid, int tid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "task", Integer.toString(tid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }
}
