package dev.pyprobe.reader.python;

import java.util.List;

/**
 * A pending asyncio task, read from the target's memory.
 *
 * @param id         the task object's address, which is what {@code id(task)} gives in the target
 * @param name       {@code task.get_name()}
 * @param loop       the address of the event loop the task belongs to
 * @param frames     its coroutine stack, innermost first: the frame of each coroutine from the
 *                   innermost awaited one out to the task's own coroutine
 * @param awaitedBy  ids of the tasks that wait for this one (awaiting it directly, or through a
 *                   TaskGroup, gather or shield)
 * @param consistent false when the task kept changing while it was read: what it shows may mix
 *                   two moments
 */
public record AsyncTask(long id, String name, long loop, List<PythonFrame> frames, List<Long> awaitedBy,
                        boolean consistent) {
    public AsyncTask {
        frames = List.copyOf(frames);
        awaitedBy = List.copyOf(awaitedBy);
    }
}
