package dev.pyprobe.server.dap;

import dev.pyprobe.reader.testing.SuitePythons;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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

    /** Fails in CI, skips elsewhere with one visible line, when the interpreter is not installed. */
    public static void requireInstalled(String interpreter) {
        SuitePythons.requireInstalled(interpreter);
    }

    /** Every interpreter of the suite, or those whose path contains the system property pyprobe.python. */
    public static Stream<String> selected() {
        String only = System.getProperty("pyprobe.python", "");
        return all().filter(p -> p.contains(only));
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
