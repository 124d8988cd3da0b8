package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import java.io.PrintWriter;

/**
 * How every command attaches: the target, and once per attach on stderr what the user should
 * know about reading it (a Python version read through its debug offsets only, untested).
 */
final class AttachedTarget {
    private AttachedTarget() {
    }

    static PythonTarget attach(int pid, PrintWriter err) {
        PythonTarget target = PythonTargets.attach(pid);
        target.warning().ifPresent(w -> {
            err.println("pyprobe: warning: " + w);
            err.flush();
        });
        return target;
    }
}
