package dev.pyprobe.tests.support;

import dev.pyprobe.reader.python.PythonVersion;

/**
 * Facts about blocked_threads.py that do not come from its self-report, so that a test notices
 * when the report (or the fixture) silently lost the thing it is meant to exercise.
 */
public final class BlockedThreadsFacts {
    public static final int THREAD_COUNT = 5;
    public static final String WORKER_NAME = "worker-\u03b1";
    public static final String LOCALS_FUNCTION = "frame_with_locals";
    public static final String RECURSIVE_FUNCTION = "recurse";

    private BlockedThreadsFacts() {
    }

    /** The innermost function of the sleeper thread: a non-ASCII method name on Python 3. */
    public static String sleeperInnermostFunction(PythonVersion v) {
        if (v.major() == 2) {
            return "schlafer";
        }
        return v.atLeast(3, 11) ? "\u00dcn\u00efcode_Klasse.schl\u00e4fer" : "schl\u00e4fer";
    }

    /** Its caller, a non-ASCII function name on Python 3. */
    public static String sleeperCallerFunction(PythonVersion v) {
        return v.major() == 2 ? "funktion_lambda" : "f\u00fcnktion_\u03bb";
    }

    /** The file both are in: a non-ASCII file name on every version. */
    public static String unicodeModuleFileName(PythonVersion v) {
        return v.major() == 2 ? "\u00fcn\u00efc\u00f8d\u00e9_m\u00f6dule_py2.py" : "\u00fcn\u00efc\u00f8d\u00e9_m\u00f6dule.py";
    }
}
