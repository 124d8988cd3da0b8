package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.python.PythonThread;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Threads that appeared and disappeared between two reads of the thread list. */
public record ThreadChanges(List<PythonThread> started, List<Long> exited) {

    public ThreadChanges {
        started = List.copyOf(started);
        exited = List.copyOf(exited);
    }

    /**
     * @param before idents seen at the previous read
     * @param now    the threads read now
     */
    public static ThreadChanges between(Set<Long> before, List<PythonThread> now) {
        Set<Long> current = new HashSet<>();
        List<PythonThread> started = new ArrayList<>();
        for (PythonThread t : now) {
            if (current.add(t.ident()) && !before.contains(t.ident())) {
                started.add(t);
            }
        }
        List<Long> exited = before.stream().filter(ident -> !current.contains(ident)).sorted().toList();
        return new ThreadChanges(started, exited);
    }

    public boolean isEmpty() {
        return started.isEmpty() && exited.isEmpty();
    }
}
