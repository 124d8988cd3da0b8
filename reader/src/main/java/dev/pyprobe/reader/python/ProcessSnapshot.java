package dev.pyprobe.reader.python;

import java.time.Instant;
import java.util.List;

/** Every thread's stack, read at one moment. */
public record ProcessSnapshot(int pid, PythonVersion version, Instant takenAt, List<ThreadStack> threads) {
    public ProcessSnapshot {
        threads = List.copyOf(threads);
    }

    /** This snapshot with {@code stack} in place of the stack of the same thread. */
    public ProcessSnapshot with(ThreadStack stack) {
        return new ProcessSnapshot(pid, version, takenAt, threads.stream()
                .map(t -> t.thread().equals(stack.thread()) ? stack : t).toList());
    }
}
