package dev.pyprobe.tests.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pyprobe.reader.NoSuchProcessException;
import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.SnapshotOptions;
import dev.pyprobe.tests.support.FixtureProcess;
import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.Interpreters;
import dev.pyprobe.tests.support.SelfReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A target that exits while it is being read (threads hundreds of frames deep, changing all the
 * time) must end the reading with ProcessExitedException or NoSuchProcessException: never a
 * hang, never garbage presented as an error of another kind.
 */
class TargetExitTest {
    private static final Duration NEVER_HANG = Duration.ofSeconds(60);
    private static final String MAX_LIFETIME_MS = "400";

    /** Every interpreter with each way of exiting: os._exit() at once, or sys.exit() through finalization. */
    static Stream<Arguments> interpretersAndExitModes() {
        return Interpreters.all().stream().flatMap(i -> Stream.of(Arguments.of(i, "hard"), Arguments.of(i, "normal")));
    }

    @ParameterizedTest(name = "{0}, exit {1}")
    @MethodSource("interpretersAndExitModes")
    void readingAProcessThatExitsEndsWithProcessExited(Interpreter interpreter, String mode) {
        long seed = ThreadLocalRandom.current().nextInt(1_000_000);
        String run = "exit mode " + mode + ", seed " + seed;
        try (FixtureProcess fixture = FixtureProcess.start(interpreter, "exiting.py",
                List.of(mode, Long.toString(seed), MAX_LIFETIME_MS))) {
            assertThat(fixture.report(SelfReport.Exiting.class).threads()).isPositive();
            ReaderException end = assertTimeoutPreemptively(NEVER_HANG, () -> readUntilItExits(fixture), run);
            assertThat(end).as(run).isInstanceOfAny(ProcessExitedException.class, NoSuchProcessException.class);
        }
    }

    /** Attaches while the target lives, lets it go, and snapshots until the reader says it is gone. */
    private static ReaderException readUntilItExits(FixtureProcess fixture) {
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            fixture.send("go");
            for (int snapshots = 0; ; snapshots++) {
                try {
                    target.snapshot(SnapshotOptions.DEFAULT);
                } catch (ProcessExitedException | NoSuchProcessException e) {
                    assertThat(target.isAlive()).as("isAlive after " + e).isFalse();
                    assertThatThrownBy(target::threads)
                            .isInstanceOfAny(ProcessExitedException.class, NoSuchProcessException.class);
                    return e;
                } catch (ReaderException e) {
                    throw new AssertionError("snapshot " + snapshots + " failed while the target was "
                            + (fixture.isAlive() ? "still running" : "gone") + ": " + e, e);
                }
            }
        }
    }
}
