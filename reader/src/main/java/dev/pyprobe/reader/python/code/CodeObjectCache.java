package dev.pyprobe.reader.python.code;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.objects.BuiltinKind;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import dev.pyprobe.reader.python.objects.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads code objects once and keeps them by address. The cache is bounded (least recently used
 * out) so that a long session on a program that creates code dynamically stays small.
 */
public final class CodeObjectCache {
    private static final int CAPACITY = 16_384;
    private static final int MAX_TABLE_BYTES = 1 << 20;
    private static final int MAX_LOCALS = 1 << 16;

    private final ObjectHeap heap;
    private final Layout.Code layout;
    private final LineTableFormat format;
    private final long codeType;
    private final Map<Long, CodeObject> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, CodeObject> eldest) {
            return size() > CAPACITY;
        }
    };

    /** @param codeType address of {@code PyCode_Type}, to reject pointers that are not code (0 to skip the check) */
    public CodeObjectCache(ObjectHeap heap, Layout.Code layout, long codeType) {
        this.heap = heap;
        this.layout = layout;
        this.format = LineTableFormat.valueOf(layout.lineTableFormat());
        this.codeType = codeType;
    }

    public synchronized CodeObject get(long address) {
        CodeObject code = cache.get(address);
        if (code == null) {
            code = read(address);
            cache.put(address, code);
        }
        return code;
    }

    /** Whether {@code address} points to a code object (checked through its type). */
    public boolean isCode(long address) {
        if (codeType == 0) {
            return true;
        }
        synchronized (this) {
            if (cache.containsKey(address)) {
                return true;
            }
        }
        return heap.memory().readLong(address + 8) == codeType;
    }

    private CodeObject read(long address) {
        RemoteMemory memory = heap.memory();
        RemoteBytes c = memory.bytesAt(address, layout.size());
        if (codeType != 0 && c.i64(8) != codeType) {
            throw new MemoryReadException(address, 0, "not a code object");
        }
        StringReader strings = heap.strings();
        String name = strings.name(c.i64(layout.name()));
        String function = layout.qualname() >= 0 ? strings.name(c.i64(layout.qualname())) : name;
        String file = strings.name(c.i64(layout.filename()));
        int firstLine = c.i32(layout.firstlineno());
        byte[] table = bytesObject(c.i64(layout.lineTable()));
        List<String> localNames = new ArrayList<>();
        byte[] kinds = new byte[0];
        int cellsFrom;
        long bytecodeStart;
        int firstTraceable = 0;
        if (layout.localsplusNames() > 0) {
            localNames.addAll(names(c.i64(layout.localsplusNames())));
            kinds = bytesObject(c.i64(layout.localsplusKinds()));
            cellsFrom = localNames.size();
            bytecodeStart = address + layout.codeAdaptive();
            firstTraceable = layout.firstTraceable() > 0 ? c.i32(layout.firstTraceable()) : 0;
        } else {
            localNames.addAll(names(c.i64(layout.varnames())));
            cellsFrom = localNames.size();
            localNames.addAll(names(c.i64(layout.cellvars())));
            localNames.addAll(names(c.i64(layout.freevars())));
            bytecodeStart = strings.bytesData(c.i64(layout.bytecode()));
        }
        return new CodeObject(address, function, file, c.i32(layout.flags()), firstLine, table, format, bytecodeStart, List.copyOf(localNames),
                kinds, cellsFrom, firstTraceable);
    }

    private byte[] bytesObject(long address) {
        if (address == 0 || heap.types().isNone(address)) {
            return new byte[0];
        }
        return heap.strings().bytes(address, MAX_TABLE_BYTES).value();
    }

    private List<String> names(long tuple) {
        if (tuple == 0 || heap.types().isNone(tuple)) {
            return List.of();
        }
        long[] items = heap.sequences().items(tuple, BuiltinKind.TUPLE, 0, MAX_LOCALS);
        List<String> out = new ArrayList<>(items.length);
        for (long item : items) {
            out.add(heap.strings().name(item));
        }
        return out;
    }
}
