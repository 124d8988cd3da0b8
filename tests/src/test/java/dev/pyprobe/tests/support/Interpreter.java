package dev.pyprobe.tests.support;

import static org.junit.jupiter.api.Assertions.fail;

import dev.pyprobe.reader.testing.SuitePythons;
import java.nio.file.Path;

/**
 * One Python interpreter the tests run fixtures with.
 *
 * @param key         what CI expects to find: the series ("3.12") for pyenv builds, "debian-3.11"
 *                    for the distribution's binary, "sid-3.15" or "sid-3.15d" for sid's builds
 * @param description the display name of a parameterized test, e.g. "pyenv 3.12.1"
 * @param executable  the interpreter binary, or its launcher for a container build; null when it
 *                    is expected but missing
 */
public record Interpreter(String key, String description, Path executable) {

    static Interpreter missing(String key) {
        return new Interpreter(key, key + " (MISSING)", null);
    }

    public boolean installed() {
        return executable != null;
    }

    /** Whether it runs in a root and PID namespace of its own (scripts/sid). */
    public boolean inContainer() {
        return executable != null && SuitePythons.inContainer(executable.toString());
    }

    /** How the target names a file of the checkout (the checkout is /src in a container). */
    public String pathInTarget(Path hostPath) {
        return SuitePythons.pathInTarget(requireExecutable().toString(), hostPath);
    }

    /** The binary; a test that reaches this with a missing interpreter fails (CI demands every one). */
    public Path requireExecutable() {
        if (executable == null) {
            fail("Python " + key + " is required when CI=true but is not installed (see scripts/install-deps)");
        }
        return executable;
    }

    /** True for Python 2, whose reprs, types and names differ from Python 3's. */
    public boolean python2() {
        return key.startsWith("2.");
    }

    @Override
    public String toString() {
        return description;
    }
}
