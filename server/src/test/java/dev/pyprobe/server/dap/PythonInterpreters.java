package dev.pyprobe.server.dap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The Python interpreters every machine of the project has. Outside CI a missing one is skipped;
 * with CI=true it fails the test, so a broken install cannot pass as green.
 */
public final class PythonInterpreters {
    private static final String PYENV = "/root/.pyenv/versions/";
    private static final List<String> ALL = List.of(
            PYENV + "2.7.18/bin/python", PYENV + "3.6.15/bin/python", PYENV + "3.7.16/bin/python",
            PYENV + "3.8.18/bin/python", PYENV + "3.9.18/bin/python", PYENV + "3.10.13/bin/python",
            PYENV + "3.11.7/bin/python", PYENV + "3.12.1/bin/python", PYENV + "3.13.0/bin/python",
            "/usr/bin/python3.11");

    private PythonInterpreters() {
    }

    public static Stream<String> all() {
        return ALL.stream();
    }

    /** Fails in CI, skips elsewhere, when the interpreter is not installed. */
    public static void requireInstalled(String interpreter) {
        boolean present = Files.isExecutable(Path.of(interpreter));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("interpreter %s must be installed in CI (scripts/install-deps)", interpreter).isTrue();
        }
        Assumptions.assumeTrue(present, interpreter + " is not installed");
    }

    /** Any one installed interpreter, for tests that need a Python but not a particular one. */
    public static String any() {
        List<String> present = new ArrayList<>();
        ALL.stream().filter(p -> Files.isExecutable(Path.of(p))).forEach(present::add);
        if (present.isEmpty()) {
            requireInstalled(ALL.get(ALL.size() - 1));
        }
        return present.get(present.size() - 1);
    }
}
