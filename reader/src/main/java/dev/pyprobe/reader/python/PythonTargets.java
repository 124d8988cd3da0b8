package dev.pyprobe.reader.python;

import dev.pyprobe.reader.python.objects.ReadLimits;

/** Entry point of the reader: attach to a live CPython process by PID. */
public final class PythonTargets {
    private PythonTargets() {
    }

    /**
     * Attaches without changing the target (no ptrace, no code injection).
     *
     * @throws dev.pyprobe.reader.NoSuchProcessException      no such process
     * @throws dev.pyprobe.reader.PermissionDeniedException   the kernel refuses to let us read it
     * @throws dev.pyprobe.reader.NotPythonException          it runs no CPython we can find
     * @throws dev.pyprobe.reader.UnsupportedVersionException a CPython we have no layout for
     */
    public static PythonTarget attach(int pid) {
        return LivePythonTarget.attach(pid, ReadLimits.DEFAULT);
    }

    public static PythonTarget attach(int pid, ReadLimits limits) {
        return LivePythonTarget.attach(pid, limits);
    }
}
