package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.server.wording.ThreadIds;
import dev.pyprobe.server.wording.ThreadStatus;

/** How a process thread is named in the Call Stack, and in the labels of a breakpoint snapshot's stack. */
public final class ThreadLabel {
    private ThreadLabel() {
    }

    /**
     * The thread's Python name, what it was doing when read, its kernel TID (and in a container the
     * id it has there). In that order: VS Code cuts a long name at the right, beside the stop's
     * badge, and the state says more at a glance than the TID.
     */
    public static String of(PythonThread t) {
        StringBuilder label = new StringBuilder(t.displayName()).append(" (").append(ThreadStatus.of(t));
        if (t.nativeId() != 0) {
            label.append(", tid ").append(t.nativeId());
        }
        ThreadIds.inNamespace(t).ifPresent(id -> label.append(", ").append(id));
        return label.append(')').toString();
    }
}
