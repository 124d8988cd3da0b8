package dev.pyprobe.server.wording;

import dev.pyprobe.reader.python.PythonThread;
import java.util.Optional;

/**
 * The second id of a thread of a target in a container: the one it sees itself by in its own PID
 * namespace, next to the host's TID that pyprobe uses everywhere else.
 */
public final class ThreadIds {
    private ThreadIds() {
    }

    /** {@code tid 4 in its namespace}, or empty for a target in the host's namespace. */
    public static Optional<String> inNamespace(PythonThread thread) {
        return thread.namespaceTid() != 0 ? Optional.of("tid " + thread.namespaceTid() + " in its namespace")
                : Optional.empty();
    }
}
