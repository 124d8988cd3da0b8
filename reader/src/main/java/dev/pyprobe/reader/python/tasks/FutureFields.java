package dev.pyprobe.reader.python.tasks;

import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.objects.BuiltinKind;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import java.util.ArrayList;
import java.util.List;

/** The fields of the C {@code _asyncio} module's futures and tasks that tell what a task waits on. */
final class FutureFields {
    /** {@code tp_name} of the C types; Python subclasses (such as gather's future) derive from them. */
    private static final String TASK_TYPE = "_asyncio.Task";
    private static final String FUTURE_TYPE = "_asyncio.Future";
    private static final int PENDING = 0;
    /** More done-callbacks than any future has: past this the list is garbage. */
    private static final int MAX_CALLBACKS = 10_000;

    private final RemoteMemory memory;
    private final ObjectHeap heap;
    private final Layout.Asyncio layout;

    FutureFields(ObjectHeap heap, Layout.Asyncio layout) {
        this.memory = heap.memory();
        this.heap = heap;
        this.layout = layout;
    }

    boolean isTask(long object) {
        return object != 0 && heap.types().isInstance(object, TASK_TYPE);
    }

    /** A future that is not a task (a task is a future too, but is read as a task). */
    boolean isPlainFuture(long object) {
        return object != 0 && !isTask(object) && heap.types().isInstance(object, FUTURE_TYPE);
    }

    boolean isPending(long future) {
        return memory.bytesAt(future + layout.futureState(), 4).i32(0) == PENDING;
    }

    long loop(long future) {
        return memory.readLong(future + layout.futureLoop());
    }

    long coroutine(long task) {
        return memory.readLong(task + layout.taskCoro());
    }

    /** {@code task.get_name()}: the name given, or {@code Task-N} for a task named lazily by its number. */
    String name(long task) {
        long name = memory.readLong(task + layout.taskName());
        if (heap.types().kindOf(name) == BuiltinKind.INT) {
            return "Task-" + heap.numbers().integer(name);
        }
        return heap.strings().name(name);
    }

    /** The done-callbacks of a future: the first in its own field, the others in a list of (callback, context). */
    List<Long> callbacks(long future) {
        List<Long> out = new ArrayList<>();
        long first = memory.readLong(future + layout.futureCallback0());
        if (first != 0) {
            out.add(first);
        }
        long rest = memory.readLong(future + layout.futureCallbacks());
        if (rest == 0 || heap.types().kindOf(rest) != BuiltinKind.LIST) {
            return out;
        }
        for (long pair : heap.sequences().items(rest, BuiltinKind.LIST, 0, MAX_CALLBACKS)) {
            if (heap.types().kindOf(pair) == BuiltinKind.TUPLE) {
                long[] callback = heap.sequences().items(pair, BuiltinKind.TUPLE, 0, 1);
                if (callback.length == 1) {
                    out.add(callback[0]);
                }
            }
        }
        return out;
    }
}
