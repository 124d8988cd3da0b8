package dev.pyprobe.server.dap.state;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives each Python thread ident (an unsigned 64-bit pthread_t), and each asyncio task shown as a
 * thread, a small DAP thread id that stays the same for the whole session: DAP thread ids are
 * 32-bit and clients keep them across stops. Threads and tasks draw from one count, so a task
 * never gets a thread's id (both are addresses, and one could equal the other). Ids are never
 * reused, so a thread that exited cannot be confused with a newer one.
 */
public final class ThreadIdMap {
    /** What an id stands for. */
    private sealed interface Key permits Ident, Task, TasksLeftOut {
    }

    private record Ident(long ident) implements Key {
    }

    private record Task(long taskId) implements Key {
    }

    private record TasksLeftOut() implements Key {
    }

    private final Map<Key, Integer> ids = new HashMap<>();
    private int lastId;

    /** The id of this thread ident, assigned on first sight. */
    public synchronized int idOf(long ident) {
        return idOf(new Ident(ident));
    }

    /** The id of the asyncio task whose {@code id(task)} this is, assigned on first sight. */
    public synchronized int idOfTask(long taskId) {
        return idOf(new Task(taskId));
    }

    /** The id of the entry that counts the tasks a pause leaves out: the same at every pause. */
    public synchronized int idOfTasksLeftOut() {
        return idOf(new TasksLeftOut());
    }

    private int idOf(Key key) {
        Integer id = ids.get(key);
        if (id == null) {
            if (lastId == Integer.MAX_VALUE) {
                throw new IllegalStateException("more than 2^31 threads seen in one session");
            }
            id = ++lastId;
            ids.put(key, id);
        }
        return id;
    }
}
