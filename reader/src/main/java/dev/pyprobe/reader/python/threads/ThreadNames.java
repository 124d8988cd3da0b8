package dev.pyprobe.reader.python.threads;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.python.objects.BuiltinKind;
import dev.pyprobe.reader.python.objects.DictEntry;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import java.util.HashMap;
import java.util.Map;

/**
 * Thread names as {@code threading} gives them: {@code threading._active} maps each ident to its
 * Thread, whose {@code _name} attribute ({@code _Thread__name} in Python 2) is the name. Names are
 * cached and read again only when an ident appears that the cache does not know.
 */
public final class ThreadNames {
    private static final int MAX_THREADS = 1 << 16;

    private final ObjectHeap heap;
    private final long modulesOffset;
    private final Map<Long, String> cache = new HashMap<>();

    public ThreadNames(ObjectHeap heap, long modulesOffset) {
        this.heap = heap;
        this.modulesOffset = modulesOffset;
    }

    /** The name of the thread with this ident, or null when threading does not know it. */
    public synchronized String name(long interpreter, long ident) {
        if (!cache.containsKey(ident)) {
            refresh(interpreter);
        }
        return cache.get(ident);
    }

    private void refresh(long interpreter) {
        try {
            long modules = heap.memory().readLong(interpreter + modulesOffset);
            long threading = modules == 0 ? 0 : heap.dicts().lookup(modules, "threading");
            if (threading == 0) {
                return;
            }
            long active = heap.dicts().lookup(heap.links().moduleDict(threading), "_active");
            if (active == 0) {
                return;
            }
            for (DictEntry e : heap.dicts().entries(active, MAX_THREADS)) {
                BuiltinKind k = heap.types().kindOf(e.key());
                if (k != BuiltinKind.INT && k != BuiltinKind.PY2_INT) {
                    continue;
                }
                long ident = heap.numbers().integer(e.key()).longValue();
                String name = threadName(e.value());
                if (name != null) {
                    cache.put(ident, name);
                }
            }
        } catch (MemoryReadException e) {
            // threading's structures changed while read: names stay as cached until next time.
        }
    }

    private String threadName(long thread) {
        for (Map.Entry<String, Long> attr : heap.attributes().read(thread, 256)) {
            if (attr.getKey().equals("_name") || attr.getKey().equals("_Thread__name")) {
                return heap.strings().name(attr.getValue());
            }
        }
        return null;
    }
}
