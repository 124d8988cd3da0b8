package dev.pyprobe.server.wording;

import dev.pyprobe.reader.python.PythonThread;

/** A Python thread's state in one word or phrase: {@code holds the GIL}, {@code idle} or {@code running}. */
public final class ThreadStatus {
    private ThreadStatus() {
    }

    public static String of(PythonThread thread) {
        return thread.holdsGil() ? "holds the GIL" : thread.idle() ? "idle" : "running";
    }
}
