package dev.pyprobe.tests.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;

/**
 * One Python interpreter the tests run fixtures with.
 *
 * @param key         what CI expects to find: the series ("3.12") for pyenv builds, "debian-3.11"
 *                    for the distribution's binary
 * @param description the display name of a parameterized test, e.g. "pyenv 3.12.1"
 * @param executable  the interpreter binary, or null when it is expected but missing
 */
public record Interpreter(String key, String description, Path executable) {

    static Interpreter missing(String key) {
        return new Interpreter(key, key + " (MISSING)", null);
    }

    public boolean installed() {
        return executable != null;
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
