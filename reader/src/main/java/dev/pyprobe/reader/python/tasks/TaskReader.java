package dev.pyprobe.reader.python.tasks;

import dev.pyprobe.reader.InconsistentStateException;
import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.PageCachedMemory;
import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.frames.FrameReads;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every pending asyncio task of the target, read without stopping it.
 *
 * <p>Every task is read twice (name, coroutine stack, awaiting tasks), in two passes over all of
 * them: when both reads of a task agree, nothing it shows moved in between. A task whose reads
 * differ (it ran between them) is read again on its own a few times, and reported as not
 * consistent if it never settles. A task that finishes or is freed while it is read is left out,
 * as it is no longer pending. Each pass reads through a page cache that starts empty, so one
 * pass costs about one system call per page that holds tasks, not one per field.
 */
public final class TaskReader {
    private static final int RETRIES = 4;
    /** What {@link #tryRead} gives when the read failed (memory freed or changed under it). */
    private static final Read FAILED = new Read("", 0, List.of(), List.of());

    private final PageCachedMemory memory;
    private final FutureFields futures;
    private final TaskRegistry registry;
    private final CoroutineStack coroutines;
    private final Awaiters awaiters;

    /**
     * @param heap         objects read through {@code memory}
     * @param frames       frames read through {@code memory}
     * @param modulesNamed the module of that name in each interpreter that has imported it
     * @param heads        the thread and interpreter states that head lists of tasks (3.14+)
     */
    public TaskReader(PageCachedMemory memory, ObjectHeap heap, FrameReads frames, Layout.Asyncio layout,
                      Function<String, List<Long>> modulesNamed, TaskHeads heads) {
        this.memory = memory;
        this.futures = new FutureFields(heap, layout);
        this.registry = new TaskRegistry(heap, layout, modulesNamed, heads);
        this.coroutines = new CoroutineStack(heap.memory(), heap.types(), frames, layout);
        this.awaiters = new Awaiters(heap, futures, layout);
    }

    /** Every pending task, in the order of the registries. */
    public List<AsyncTask> tasks() {
        List<Long> registered = registered();
        List<Read> first = new ArrayList<>(registered.size());
        for (long task : registered) {
            first.add(tryRead(task));
        }
        memory.forget();
        List<AsyncTask> out = new ArrayList<>();
        for (int i = 0; i < registered.size(); i++) {
            long task = registered.get(i);
            settle(task, first.get(i), tryRead(task)).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The registered tasks. The registries change as tasks come and go (a set resized, a list
     * node unlinked and freed) and a read that ran into such a change is made again.
     */
    private List<Long> registered() {
        for (int attempt = 0; ; attempt++) {
            memory.forget();
            try {
                return new ArrayList<>(registry.tasks());
            } catch (MemoryReadException | InconsistentStateException e) {
                if (attempt == RETRIES) {
                    throw e;
                }
            }
        }
    }

    /** The task when two reads agree; else it is read twice again, a few times, before it is given up as moving. */
    private Optional<AsyncTask> settle(long task, Read before, Read after) {
        for (int retry = 0; ; retry++) {
            if (after == null) {
                return Optional.empty(); // no longer a pending task
            }
            if (after != FAILED && after.equals(before)) {
                return Optional.of(after.task(task, true));
            }
            if (retry == RETRIES) {
                Read last = after != FAILED ? after : before;
                return last == null || last == FAILED ? Optional.empty() : Optional.of(last.task(task, false));
            }
            memory.forget();
            before = tryRead(task);
            memory.forget();
            after = tryRead(task);
        }
    }

    /** What one read of a task saw. */
    private record Read(String name, long loop, List<PythonFrame> frames, List<Long> awaitedBy) {
        AsyncTask task(long id, boolean consistent) {
            return new AsyncTask(id, name, loop, frames, awaitedBy, consistent);
        }
    }

    /** One read: null when the object is not (or no longer) a pending task, {@link #FAILED} when the read failed. */
    private Read tryRead(long task) {
        try {
            if (!futures.isTask(task) || !futures.isPending(task)) {
                return null;
            }
            List<PythonFrame> frames = coroutines.read(futures.coroutine(task));
            return new Read(futures.name(task), futures.loop(task), frames, awaiters.of(task));
        } catch (MemoryReadException | InconsistentStateException e) {
            return FAILED; // freed or changed under the read: a chain that loops, a pointer to nowhere
        }
    }
}
