package dev.pyprobe.reader.python;

import java.time.Instant;
import java.util.List;

/** Every thread's stack, read at one moment. */
public record ProcessSnapshot(int pid, PythonVersion version, Instant takenAt, List<ThreadStack> threads) {
    public ProcessSnapshot {
        threads = List.copyOf(threads);
    }
}
