package dev.pyprobe.server.dap;

import dev.pyprobe.reader.python.PythonTarget;

/** Opens a live Python process for reading; the reader's {@code PythonTargets.attach} in production. */
@FunctionalInterface
public interface TargetAttacher {
    /** @throws dev.pyprobe.reader.ReaderException subclasses naming what is wrong with the target */
    PythonTarget attach(int pid);
}
