package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;

/**
 * The pointers from one object to the next that lead to code and names: a function's code, the
 * function a classmethod or staticmethod wraps, a class's and a module's namespace, a cell's value.
 */
public final class ObjectLinks {
    private final RemoteMemory memory;
    private final Layout.Objects layout;

    public ObjectLinks(RemoteMemory memory, Layout.Objects layout) {
        this.memory = memory;
        this.layout = layout;
    }

    /** The code object of a function. */
    public long functionCode(long function) {
        return memory.readLong(function + layout.functionCode());
    }

    /** The function wrapped by a classmethod or staticmethod ({@code cm_callable}/{@code sm_callable}). */
    public long wrappedCallable(long descriptor) {
        return memory.readLong(descriptor + layout.wrappedCallable());
    }

    /** The namespace dict of a class ({@code tp_dict}). */
    public long classDict(long type) {
        return memory.readLong(type + layout.typeDict());
    }

    /** The dict of a module object. */
    public long moduleDict(long module) {
        return memory.readLong(module + layout.moduleDict());
    }

    /** What a cell object holds ({@code ob_ref}; 0 when empty). */
    public long cellContents(long cell) {
        return memory.readLong(cell + layout.cellContents());
    }
}
