package dev.pyprobe.tests.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.tests.support.FixtureProcess;
import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.SelfReport;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * async_busy.py's tasks change faster than anyone can read them. Every listing must end quickly;
 * a task marked consistent must show a stack the program could really have had (its own
 * coroutines at lines inside them, asyncio.sleep innermost at most), and some must; the sleeper,
 * which never moves, must read exactly as reported every time.
 */
class BusyTasksTest {
    private static final int LISTINGS = 100;
    private static final Duration MAX_LISTING = Duration.ofSeconds(10);
    private static final String CHURN = "churn";
    private static final String HOP = "hop";
    /** asyncio.sleep(0), a coroutine whose __sleep0 generator is not followed. */
    private static final String SLEEP = "sleep";

    static List<Interpreter> withTasks() {
        return AsyncTasksTest.withTasks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withTasks")
    void tasksOfABusyLoopAreConsistentOrMarkedMoving(Interpreter interpreter) {
        try (FixtureProcess fixture = FixtureProcess.start(interpreter, "async_busy.py");
             PythonTarget target = PythonTargets.attach(fixture.pid())) {
            SelfReport.AsyncBusy report = fixture.report(SelfReport.AsyncBusy.class);
            SoftAssertions softly = new SoftAssertions();
            int consistentChurners = 0;
            for (int i = 0; i < LISTINGS; i++) {
                long start = System.nanoTime();
                List<AsyncTask> tasks = target.tasks();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("listing " + i).isLessThan(MAX_LISTING);

                List<AsyncTask> sleepers = tasks.stream().filter(t -> t.id() == report.sleeper().id()).toList();
                softly.assertThat(sleepers).as("the sleeper in listing " + i).hasSize(1);
                for (AsyncTask sleeper : sleepers) {
                    softly.assertThat(sleeper.consistent()).as("sleeper consistent, listing " + i).isTrue();
                    softly.assertThat(describe(sleeper.frames())).as("sleeper frames, listing " + i)
                            .isEqualTo(report.sleeper().frames().stream()
                                    .map(f -> f.function() + " " + f.file() + ":" + f.line()).toList());
                }
                for (AsyncTask t : tasks) {
                    if (t.name().startsWith(CHURN) && t.consistent()) {
                        consistentChurners++;
                        assertPlausible(softly, t, report, "listing " + i);
                    }
                }
            }
            softly.assertThat(consistentChurners).as("consistent reads of churning tasks").isPositive();
            softly.assertAll();
        }
    }

    /** Outermost churn, then only hops, and asyncio.sleep innermost at most; each line inside its function. */
    private static void assertPlausible(SoftAssertions softly, AsyncTask task, SelfReport.AsyncBusy report, String when) {
        List<PythonFrame> frames = task.frames();
        String what = task.name() + " " + describe(frames) + ", " + when;
        softly.assertThat(frames).as(what).isNotEmpty();
        for (int i = 0; i < frames.size(); i++) {
            PythonFrame f = frames.get(i);
            boolean outermost = i == frames.size() - 1;
            if (i == 0 && !outermost && f.function().equals(SLEEP)) {
                continue; // asyncio's own coroutine, in asyncio/tasks.py
            }
            String expected = outermost ? CHURN : HOP;
            softly.assertThat(f.function()).as(what).isEqualTo(expected);
            softly.assertThat(f.file()).as(what).isEqualTo(report.file());
            List<Integer> range = report.functions().get(expected);
            softly.assertThat(f.line()).as(what).isBetween(range.get(0), range.get(1));
        }
    }

    private static List<String> describe(List<PythonFrame> frames) {
        return frames.stream().map(f -> f.function() + " " + f.file() + ":" + f.line()).toList();
    }
}
