package dev.pyprobe.reader.python.tasks;

import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.objects.BuiltinKind;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who waits for a task, found through its done-callbacks, since before 3.14 asyncio keeps no
 * "awaited by" record. Each way to wait leaves its own callback:
 * <ul>
 *   <li>a task awaiting it directly: that task's wakeup, bound to the task;</li>
 *   <li>a TaskGroup: the group's {@code _on_task_done}, a bound method of the group, whose
 *       {@code _parent_task} is the task in {@code async with};</li>
 *   <li>gather and shield: a closure holding the future the caller awaits ({@code outer}), whose
 *       own callbacks lead to the waiting task in the same ways.</li>
 * </ul>
 */
final class Awaiters {
    /** The attribute of a TaskGroup naming the task that runs its {@code async with}. */
    private static final String PARENT_TASK = "_parent_task";
    /** Futures passed through to reach the waiting tasks (gather inside shield inside ...). */
    private static final int MAX_FUTURES = 64;
    private static final int MAX_CLOSURE_CELLS = 256;
    private static final int MAX_ATTRIBUTES = 256;

    private final ObjectHeap heap;
    private final FutureFields futures;
    private final Layout.Asyncio layout;

    Awaiters(ObjectHeap heap, FutureFields futures, Layout.Asyncio layout) {
        this.heap = heap;
        this.futures = futures;
        this.layout = layout;
    }

    /** The tasks waiting for {@code task}, in the order its callbacks name them. */
    List<Long> of(long task) {
        Set<Long> waiting = new LinkedHashSet<>();
        Set<Long> visited = new HashSet<>();
        List<Long> pending = new ArrayList<>(List.of(task));
        while (!pending.isEmpty() && visited.size() < MAX_FUTURES) {
            long future = pending.remove(pending.size() - 1);
            if (!visited.add(future)) {
                continue;
            }
            for (long callback : futures.callbacks(future)) {
                follow(callback, waiting, pending);
            }
        }
        waiting.remove(task);
        return new ArrayList<>(waiting);
    }

    /** Adds the task a callback wakes to {@code waiting}, or the futures its closure holds to {@code next}. */
    private void follow(long callback, Set<Long> waiting, List<Long> next) {
        Integer selfOffset = layout.callbackSelf().get(heap.types().typeOf(callback).name());
        if (selfOffset != null) {
            long self = heap.memory().readLong(callback + selfOffset);
            long task = futures.isTask(self) ? self : attribute(self, PARENT_TASK);
            if (futures.isTask(task)) {
                waiting.add(task);
            }
            return;
        }
        if (heap.types().kindOf(callback) != BuiltinKind.FUNCTION) {
            return;
        }
        long closure = heap.memory().readLong(callback + layout.functionClosure());
        if (closure == 0 || heap.types().kindOf(closure) != BuiltinKind.TUPLE) {
            return;
        }
        for (long cell : heap.sequences().items(closure, BuiltinKind.TUPLE, 0, MAX_CLOSURE_CELLS)) {
            long value = heap.links().cellContents(cell);
            // Only plain futures: a task in a closure is not waited for by whoever waits for this one.
            if (next.size() < MAX_FUTURES && futures.isPlainFuture(value)) {
                next.add(value);
            }
        }
    }

    private long attribute(long object, String name) {
        for (Map.Entry<String, Long> attribute : heap.attributes().read(object, MAX_ATTRIBUTES)) {
            if (attribute.getKey().equals(name)) {
                return attribute.getValue();
            }
        }
        return 0;
    }
}
