package dev.pyprobe.reader.python.tasks;

import dev.pyprobe.reader.InconsistentStateException;
import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.objects.BuiltinKind;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every task asyncio keeps track of, found where {@code asyncio.all_tasks()} looks: the registries
 * that {@code asyncio.tasks} shares with the C {@code _asyncio} module (a WeakSet of every task; from
 * 3.12 a WeakSet of scheduled tasks and a set of eagerly running ones), and from 3.14 the lists of
 * C tasks that each thread state (and, for tasks of threads that are gone, each interpreter) heads.
 */
final class TaskRegistry {
    /** A service may hold many tasks; more than this many in one registry is taken for garbage. */
    static final int MAX_TASKS = 1_000_000;
    private static final String WEAKSET_DATA = "data";
    /** A WeakSet has a handful of attributes; more is not one. */
    private static final int MAX_WEAKSET_ATTRIBUTES = 16;

    private final ObjectHeap heap;
    private final Layout.Asyncio layout;
    private final Function<String, List<Long>> modulesNamed;
    private final TaskHeads heads;

    /** @param modulesNamed the module of that name in each interpreter that has imported it */
    TaskRegistry(ObjectHeap heap, Layout.Asyncio layout, Function<String, List<Long>> modulesNamed, TaskHeads heads) {
        this.heap = heap;
        this.layout = layout;
        this.modulesNamed = modulesNamed;
        this.heads = heads;
    }

    /** The registered objects (tasks, unless the memory changed under the read), each once. */
    Set<Long> tasks() {
        Set<Long> out = new LinkedHashSet<>();
        for (long module : modulesNamed.apply(layout.registryModule())) {
            long globals = heap.links().moduleDict(module);
            for (String name : layout.registries()) {
                long registry = heap.dicts().lookup(globals, name);
                if (registry != 0) {
                    out.addAll(members(registry));
                }
            }
        }
        if (layout.taskNode() >= 0) {
            heads.threads().forEach(thread -> out.addAll(linked(thread + layout.threadTasksHead())));
            heads.interpreters().forEach(interp -> out.addAll(linked(interp + layout.interpreterTasksHead())));
        }
        return out;
    }

    /** The tasks of a circular list of {@code llist_node}s headed at {@code head}. */
    private Set<Long> linked(long head) {
        Set<Long> nodes = new LinkedHashSet<>();
        long node = heap.memory().readLong(head);
        while (node != head && node != 0) {
            if (!nodes.add(node) || nodes.size() > MAX_TASKS) {
                throw new InconsistentStateException(String.format("task list at 0x%x loops past 0x%x", head, node));
            }
            node = heap.memory().readLong(node);
        }
        Set<Long> tasks = new LinkedHashSet<>();
        nodes.forEach(n -> tasks.add(n - layout.taskNode()));
        return tasks;
    }

    private Set<Long> members(long registry) {
        Set<Long> out = new LinkedHashSet<>();
        if (heap.types().kindOf(registry) == BuiltinKind.SET) {
            out.addAll(heap.sets().items(registry, MAX_TASKS));
            return out;
        }
        long references = weakSetData(registry);
        if (references == 0) {
            return out;
        }
        for (long reference : heap.sets().items(references, MAX_TASKS)) {
            long task = heap.memory().readLong(reference + layout.weakrefObject());
            if (task != 0 && !heap.types().isNone(task)) { // a dead reference points to None
                out.add(task);
            }
        }
        return out;
    }

    /** The set of weak references that a {@code weakref.WeakSet} keeps in its {@code data} attribute. */
    private long weakSetData(long weakSet) {
        for (Map.Entry<String, Long> attribute : heap.attributes().read(weakSet, MAX_WEAKSET_ATTRIBUTES)) {
            if (attribute.getKey().equals(WEAKSET_DATA)) {
                long data = attribute.getValue();
                if (heap.types().kindOf(data) != BuiltinKind.SET) {
                    throw new MemoryReadException(weakSet, 0, "a WeakSet whose data is not a set");
                }
                return data;
            }
        }
        return 0;
    }
}
