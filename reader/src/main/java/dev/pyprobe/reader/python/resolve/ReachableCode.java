package dev.pyprobe.reader.python.resolve;

import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.python.code.CodeObject;
import dev.pyprobe.reader.python.code.CodeObjectCache;
import dev.pyprobe.reader.python.objects.BuiltinKind;
import dev.pyprobe.reader.python.objects.DictEntry;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every code object reachable from the target's modules: module-level functions, methods of
 * classes (nested classes too), class and static methods, and code nested inside those (inner
 * functions, lambdas, comprehensions) through {@code co_consts}. Bounded so a huge program or
 * garbage cannot make it run forever.
 */
public final class ReachableCode {
    private static final int MAX_MODULES = 50_000;
    private static final int MAX_ENTRIES = 100_000;
    private static final int MAX_CODES = 500_000;
    private static final int MAX_CLASS_DEPTH = 8;
    private static final int MAX_CODE_DEPTH = 32;

    /** A code object with the qualified name it was reached by and its module. */
    public record Found(CodeObject code, String qualifiedName, String module) {
    }

    private final ObjectHeap heap;
    private final CodeObjectCache codes;
    private final int constsOffset;

    public ReachableCode(ObjectHeap heap, CodeObjectCache codes, int constsOffset) {
        this.heap = heap;
        this.codes = codes;
        this.constsOffset = constsOffset;
    }

    /** Walks the modules of {@code sys.modules} whose name passes {@code moduleFilter}. */
    public List<Found> walk(long modulesDict, Predicate<String> moduleFilter) {
        Walk walk = new Walk();
        for (DictEntry module : heap.dicts().entries(modulesDict, MAX_MODULES)) {
            try {
                String name = heap.strings().name(module.key());
                if (!moduleFilter.test(name) || heap.types().kindOf(module.value()) != BuiltinKind.MODULE) {
                    continue;
                }
                walk.namespace(heap.links().moduleDict(module.value()), "", name, 0);
            } catch (ReaderException e) {
                // A module being imported or torn down: skip it.
            }
        }
        return walk.found;
    }

    private final class Walk {
        final List<Found> found = new ArrayList<>();
        final Set<Long> seenCode = new HashSet<>();
        final Set<Long> seenClasses = new HashSet<>();

        void namespace(long dict, String prefix, String module, int depth) {
            for (DictEntry e : heap.dicts().entries(dict, MAX_ENTRIES)) {
                if (found.size() >= MAX_CODES) {
                    return;
                }
                try {
                    String name = heap.strings().name(e.key());
                    member(e.value(), prefix + name, module, depth);
                } catch (ReaderException ignored) {
                    // An entry we cannot read names nothing we could watch.
                }
            }
        }

        void member(long value, String qualifiedName, String module, int depth) {
            BuiltinKind kind = heap.types().kindOf(value);
            switch (kind) {
                case FUNCTION:
                    code(heap.links().functionCode(value), qualifiedName, module, 0);
                    break;
                case CLASSMETHOD:
                case STATICMETHOD:
                    long wrapped = heap.links().wrappedCallable(value);
                    if (heap.types().kindOf(wrapped) == BuiltinKind.FUNCTION) {
                        code(heap.links().functionCode(wrapped), qualifiedName, module, 0);
                    }
                    break;
                case OTHER:
                    if (depth < MAX_CLASS_DEPTH && heap.types().isClass(value) && seenClasses.add(value)) {
                        namespace(heap.links().classDict(value), qualifiedName + ".", module, depth + 1);
                    }
                    break;
                default:
                    break;
            }
        }

        void code(long address, String qualifiedName, String module, int depth) {
            if (depth > MAX_CODE_DEPTH || !seenCode.add(address)) {
                return;
            }
            CodeObject code = codes.get(address);
            found.add(new Found(code, qualifiedName, module));
            long consts = heap.memory().readLong(address + constsOffset);
            long size = heap.sequences().size(consts);
            for (long item : heap.sequences().items(consts, BuiltinKind.TUPLE, 0, (int) Math.min(size, MAX_ENTRIES))) {
                if (heap.types().kindOf(item) == BuiltinKind.CODE) {
                    CodeObject inner = codes.get(item);
                    code(item, qualifiedName + ".<locals>." + innerName(inner), module, depth + 1);
                }
            }
        }

        private String innerName(CodeObject inner) {
            String f = inner.function();
            int dot = f.lastIndexOf('.');
            return dot >= 0 ? f.substring(dot + 1) : f;
        }
    }
}
