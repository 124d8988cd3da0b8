package dev.pyprobe.reader.python.resolve;

import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.CodeLocation;
import dev.pyprobe.reader.python.objects.BuiltinKind;
import dev.pyprobe.reader.python.objects.DictEntry;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The modules of every interpreter ({@code sys.modules}), and the code found through them. */
public final class LoadedModules {
    private static final int MAX_MODULES = 100_000;

    private final RemoteMemory memory;
    private final ObjectHeap heap;
    private final Supplier<List<Long>> interpreters;
    private final int modulesOffset;
    private final CodeResolver resolver;

    /**
     * @param interpreters  lists the interpreter states now
     * @param modulesOffset offset of {@code modules} (sys.modules) in an interpreter state
     */
    public LoadedModules(RemoteMemory memory, ObjectHeap heap, Supplier<List<Long>> interpreters, int modulesOffset,
                         CodeResolver resolver) {
        this.memory = memory;
        this.heap = heap;
        this.interpreters = interpreters;
        this.modulesOffset = modulesOffset;
        this.resolver = resolver;
    }

    /** See {@link CodeResolver#function}. */
    public List<CodeLocation> findFunction(String spec) {
        List<CodeLocation> out = new ArrayList<>();
        for (long interp : interpreters.get()) {
            out.addAll(resolver.function(modulesOf(interp), spec));
        }
        return out;
    }

    /** See {@link CodeResolver#line}. */
    public List<CodeLocation> findLine(String file, int line) {
        List<CodeLocation> out = new ArrayList<>();
        for (long interp : interpreters.get()) {
            out.addAll(resolver.line(modulesOf(interp), file, line));
        }
        return out;
    }

    /** Other functions that run from the same bytecode buffer as {@code location} (see CodeResolver). */
    public List<String> sharingBytecode(CodeLocation location) {
        List<String> out = new ArrayList<>();
        for (long interp : interpreters.get()) {
            out.addAll(resolver.sharingBytecode(modulesOf(interp), location));
        }
        return out;
    }

    /** The module named {@code name} (e.g. {@code asyncio.tasks}) of each interpreter that has imported it. */
    public List<Long> named(String name) {
        List<Long> out = new ArrayList<>();
        for (long interp : interpreters.get()) {
            long module = heap.dicts().lookup(modulesOf(interp), name);
            if (module != 0 && heap.types().kindOf(module) == BuiltinKind.MODULE) {
                out.add(module);
            }
        }
        return out;
    }

    /** The {@code __file__} of every module that has one. */
    public List<String> files() {
        List<String> files = new ArrayList<>();
        for (long interp : interpreters.get()) {
            for (DictEntry e : heap.dicts().entries(modulesOf(interp), MAX_MODULES)) {
                try {
                    if (heap.types().kindOf(e.value()) != BuiltinKind.MODULE) {
                        continue;
                    }
                    long file = heap.dicts().lookup(heap.links().moduleDict(e.value()), "__file__");
                    BuiltinKind k = file == 0 ? BuiltinKind.NONE : heap.types().kindOf(file);
                    if (k == BuiltinKind.STR || k == BuiltinKind.BYTES) {
                        files.add(heap.strings().name(file));
                    }
                } catch (ReaderException ignored) {
                    // A module being imported or torn down: skip it.
                }
            }
        }
        return files;
    }

    private long modulesOf(long interpreter) {
        return memory.readLong(interpreter + modulesOffset);
    }
}
