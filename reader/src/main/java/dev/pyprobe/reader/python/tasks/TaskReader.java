package dev.pyprobe.reader.python.tasks;

import dev.pyprobe.reader.InconsistentStateException;
import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.frames.StackReader;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every pending asyncio task of the target, read without stopping it.
 *
 * <p>A task is read twice in a row (name, coroutine stack, awaiting tasks); when both reads agree,
 * nothing it shows moved in between. When they differ (the task ran between them), it is read
 * again a few times, and reported as not consistent if it never settles. A task that finishes or
 * is freed while it is read is left out, as it is no longer pending.
 */
public final class TaskReader {
    private static final int ATTEMPTS = 5;

    private final FutureFields futures;
    private final TaskRegistry registry;
    private final CoroutineStack coroutines;
    private final Awaiters awaiters;

    /** @param modulesNamed the module of that name in each interpreter that has imported it */
    public TaskReader(ObjectHeap heap, StackReader frames, Layout.Asyncio layout,
                      Function<String, List<Long>> modulesNamed) {
        this.futures = new FutureFields(heap, layout);
        this.registry = new TaskRegistry(heap, layout, modulesNamed);
        this.coroutines = new CoroutineStack(heap.memory(), heap.types(), frames, layout);
        this.awaiters = new Awaiters(heap, futures, layout);
    }

    /** Every pending task, in the order of the registries. */
    public List<AsyncTask> tasks() {
        List<AsyncTask> out = new ArrayList<>();
        for (long task : registry.tasks()) {
            read(task).ifPresent(out::add);
        }
        return out;
    }

    private Optional<AsyncTask> read(long task) {
        Optional<Read> last = Optional.empty();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                Optional<Read> first = readOnce(task);
                if (first.isEmpty()) {
                    return Optional.empty();
                }
                Optional<Read> second = readOnce(task);
                if (second.isEmpty()) {
                    return Optional.empty();
                }
                if (first.equals(second)) {
                    return Optional.of(second.get().task(task, true));
                }
                last = second;
            } catch (MemoryReadException | InconsistentStateException e) {
                // Freed or changed under the read (a chain that loops, a pointer to nowhere): read again.
            }
        }
        return last.map(r -> r.task(task, false));
    }

    /** What one read of a task saw. */
    private record Read(String name, long loop, List<PythonFrame> frames, List<Long> awaitedBy) {
        AsyncTask task(long id, boolean consistent) {
            return new AsyncTask(id, name, loop, frames, awaitedBy, consistent);
        }
    }

    /** Empty when the object is not (or no longer) a pending task. */
    private Optional<Read> readOnce(long task) {
        if (!futures.isTask(task) || !futures.isPending(task)) {
            return Optional.empty();
        }
        List<PythonFrame> frames = coroutines.read(futures.coroutine(task));
        return Optional.of(new Read(futures.name(task), futures.loop(task), frames, awaiters.of(task)));
    }
}
