package dev.pyprobe.tests.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.Interpreters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The list of interpreters is itself checked: each one runs and is the version it is filed under. */
class InterpretersTest {

    @Test
    void everyExpectedInterpreterIsInstalledWhenCiIsSet() {
        if (Interpreters.ci()) {
            assertThat(Interpreters.missing()).as("interpreters CI requires").isEmpty();
        }
        assertThat(Interpreters.installed()).as("at least one interpreter to test with").isNotEmpty();
    }

    @Test
    void everyInstalledInterpreterRunsAndIsTheVersionItIsFiledUnder() throws IOException, InterruptedException {
        for (Interpreter interpreter : Interpreters.installed()) {
            Process p = new ProcessBuilder(interpreter.executable().toString(), "-c",
                    // A debug build (sys.gettotalrefcount exists) is filed as "3.15d".
                    "import sys; sys.stdout.write('%d.%d%s' % (sys.version_info[0], sys.version_info[1],"
                            + " 'd' if hasattr(sys, 'gettotalrefcount') else ''))").redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(interpreter + " answers").isTrue();
            String series = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(interpreter.key()).as(interpreter.toString()).endsWith(series);
        }
    }
}
