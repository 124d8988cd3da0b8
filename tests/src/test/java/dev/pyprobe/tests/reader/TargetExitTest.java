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
import dev.pyprobe.tests.support.ForEachInterpreter;
import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.SelfReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A target that exits while it is being read (threads hundreds of frames deep, changing all the
 * time) must end the reading with ProcessExitedException or NoSuchProcessException: never a
 * hang, never garbage presented as an error of another kind.
 */
class TargetExitTest {
    private static final Duration NEVER_HANG = Duration.ofSeconds(60);
    private static final String MAX_LIFETIME_MS = "400";

    @ForEachInterpreter
    void readingAProcessThatExitsEndsWithProcessExited(Interpreter interpreter) {
        for (String mode : List.of("hard", "normal")) {
            long seed = ThreadLocalRandom.current().nextInt(1_000_000);
            String run = "exit mode " + mode + ", seed " + seed;
            try (FixtureProcess fixture = FixtureProcess.start(interpreter, "exiting.py",
                    List.of(mode, Long.toString(seed), MAX_LIFETIME_MS))) {
                assertThat(fixture.report(SelfReport.Exiting.class).threads()).isPositive();
                ReaderException end = assertTimeoutPreemptively(NEVER_HANG, () -> readUntilItExits(fixture), run);
                assertThat(end).as(run).isInstanceOfAny(ProcessExitedException.class, NoSuchProcessException.class);
            }
        }
    }

    /** Attaches while the target lives, lets it go, and snapshots until the reader says it is gone. */
    private static ReaderException readUntilItExits(FixtureProcess fixture) {
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            fixture.send("go");
            while (true) {
                try {
                    target.snapshot(SnapshotOptions.DEFAULT);
                } catch (ProcessExitedException | NoSuchProcessException e) {
                    assertThat(target.isAlive()).as("isAlive after " + e).isFalse();
                    assertThatThrownBy(target::threads)
                            .isInstanceOfAny(ProcessExitedException.class, NoSuchProcessException.class);
                    return e;
                }
            }
        }
    }
}
