package dev.pyprobe.reader.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The host TIDs of a target's threads by the ids the target knows them by. CPython stores the id
 * a thread sees itself by ({@code gettid()}); for a target in its own PID namespace (a container)
 * that is not the id /proc and the kernel's other interfaces use here. The NSpid lines of the
 * tasks' status files give both.
 *
 * <p>A target in our namespace needs none of this: its ids are ours, taken as they are, read as
 * before. For a nested one a task whose status cannot be read or makes no sense (it exited, a
 * garbled line) has no host TID: 0, never a guess.
 */
public final class TaskIds {
    private final TargetProcess process;
    private final Path taskDir;
    private final boolean ownNamespace;
    private final Map<Integer, Integer> hostByOwn = new HashMap<>();
    private final Set<Integer> seen = new HashSet<>();

    private TaskIds(TargetProcess process, Path taskDir, boolean ownNamespace) {
        this.process = process;
        this.taskDir = taskDir;
        this.ownNamespace = ownNamespace;
    }

    public static TaskIds of(TargetProcess process) {
        Path procDir = Path.of("/proc", Integer.toString(process.pid()));
        return new TaskIds(process, procDir.resolve("task"), inOwnNamespace(process.pid(), procDir));
    }

    /**
     * A process never changes PID namespace, so this is decided once. The NSpid line says it;
     * where it cannot (Linux before 4.1, an unreadable file), whether the namespace links differ.
     * If neither can be read the ids are treated as foreign: unknown host TIDs stay 0.
     */
    private static boolean inOwnNamespace(int pid, Path procDir) {
        Optional<NamespaceIds> ids = readIds(procDir.resolve("status"), pid);
        if (ids.isPresent()) {
            return ids.get().nested();
        }
        try {
            return !Files.readSymbolicLink(procDir.resolve("ns/pid"))
                    .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")));
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Whether the target's thread ids are its own namespace's, not ours (it runs in a container). */
    public boolean ownNamespace() {
        return ownNamespace;
    }

    /**
     * Reads the ids of tasks started since the last call and forgets those that exited: once per
     * pass over the threads, so that threads started in between are found. One directory listing
     * for a nested target once its tasks are known; nothing for one in our namespace.
     */
    public synchronized void refresh() {
        if (!ownNamespace) {
            return;
        }
        List<Integer> tasks = process.tasks();
        if (seen.size() == tasks.size() && seen.containsAll(tasks)) {
            return;
        }
        hostByOwn.values().retainAll(tasks);
        seen.retainAll(tasks);
        for (int host : tasks) {
            if (seen.add(host)) {
                readIds(taskDir.resolve(host + "/status"), host).filter(NamespaceIds::nested)
                        .ifPresent(ids -> hostByOwn.put(ids.own(), host));
            }
        }
    }

    /** The host TID of the thread the target knows by {@code ownId}; 0 when none is known. */
    public synchronized int hostTid(int ownId) {
        return ownNamespace ? hostByOwn.getOrDefault(ownId, 0) : ownId;
    }

    /** The ids the target knows its tasks by, as of the last {@link #refresh()}. */
    public synchronized Set<Integer> ownIds() {
        return ownNamespace ? Set.copyOf(hostByOwn.keySet()) : Set.copyOf(process.tasks());
    }

    private static Optional<NamespaceIds> readIds(Path status, int hostId) {
        try {
            // Latin-1: the Name line holds the thread's name as raw bytes, not always valid UTF-8.
            return NamespaceIds.parse(new String(Files.readAllBytes(status), StandardCharsets.ISO_8859_1), hostId);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
