package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.server.wording.ThreadIds;
import dev.pyprobe.server.wording.ThreadStatus;

/** How a process thread is named in the Call Stack, and in the labels of a breakpoint snapshot's stack. */
public final class ThreadLabel {
    private ThreadLabel() {
    }

    /**
     * The thread's Python name, its kernel TID (and in a container the id it has there) and what
     * it was doing when read.
     */
    public static String of(PythonThread t) {
        StringBuilder label = new StringBuilder(t.displayName()).append(" (");
        if (t.nativeId() != 0) {
            label.append("tid ").append(t.nativeId()).append(", ");
        }
        ThreadIds.inNamespace(t).ifPresent(id -> label.append(id).append(", "));
        label.append(ThreadStatus.of(t));
        return label.append(')').toString();
    }
}
