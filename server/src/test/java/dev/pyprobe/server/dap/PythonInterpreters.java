package dev.pyprobe.server.dap;

import dev.pyprobe.reader.testing.SuitePythons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The Python interpreters of the suite ({@link SuitePythons}). Outside CI a missing one is skipped;
 * with CI=true it fails the test, so a broken install cannot pass as green.
 */
public final class PythonInterpreters {
    private static final List<String> ALL = SuitePythons.all();

    private PythonInterpreters() {
    }

    public static Stream<String> all() {
        return ALL.stream();
    }

    /** Fails in CI, skips elsewhere, when the interpreter is not installed. */
    public static void requireInstalled(String interpreter) {
        boolean present = SuitePythons.isInstalled(interpreter);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("interpreter %s must be installed in CI (scripts/install-deps)", interpreter).isTrue();
        }
        Assumptions.assumeTrue(present, interpreter + " is not installed");
    }

    /**
     * Any one installed interpreter that runs in this machine's own namespaces, for tests that need
     * a Python but not a particular one (some set up mount namespaces of their own around it).
     */
    public static String any() {
        List<String> present = new ArrayList<>();
        ALL.stream().filter(p -> !SuitePythons.inContainer(p)).filter(SuitePythons::isInstalled).forEach(present::add);
        if (present.isEmpty()) {
            requireInstalled(ALL.get(0));
        }
        return present.get(present.size() - 1);
    }
}
