package dev.pyprobe.tests.reader;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pyprobe.reader.NoSuchProcessException;
import dev.pyprobe.reader.NotPythonException;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.tests.support.Processes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Attaching to something that is not a live Python process fails with the exception that says so. */
class AttachErrorsTest {

    @Test
    void unknownPidIsNoSuchProcess() {
        int pid = Processes.unusedPid();
        assertThatThrownBy(() -> PythonTargets.attach(pid))
                .isInstanceOf(NoSuchProcessException.class)
                .hasMessageContaining(Integer.toString(pid));
    }

    @Test
    void aProcessWithoutPythonIsNotPython() throws Exception {
        try (Processes.Running sleep = Processes.start("sleep", "60").awaitExecutable("sleep", Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> PythonTargets.attach(sleep.pid()))
                    .isInstanceOf(NotPythonException.class)
                    .hasMessageContaining(Integer.toString(sleep.pid()));
        }
    }
}
