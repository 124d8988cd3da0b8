package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.code.CodeObject;
import dev.pyprobe.reader.python.code.CodeObjectCache;
import dev.pyprobe.reader.python.objects.DictEntry;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import dev.pyprobe.reader.python.objects.ValueRenderer;
import java.util.ArrayList;
import java.util.List;

/** The variables a frame sees: its fast locals (cells opened) and its module's globals, rendered. */
public final class FrameVariables {
    private static final int MAX_GLOBALS = 10_000;

    private final FrameReads frames;
    private final CodeObjectCache codes;
    private final ObjectHeap heap;
    private final ValueRenderer renderer;

    public FrameVariables(FrameReads frames, CodeObjectCache codes, ObjectHeap heap, ValueRenderer renderer) {
        this.frames = frames;
        this.codes = codes;
        this.heap = heap;
        this.renderer = renderer;
    }

    /** The bound local variables, in slot order (fails if the frame has returned since it was read). */
    public List<NamedValue> locals(PythonFrame frame) {
        CodeObject code = codes.get(frame.codeAddress());
        long[] slots = frames.localSlots(frame, code);
        List<NamedValue> out = new ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            long value = slots[i];
            if (value != 0 && code.isCellSlot(i)) {
                value = cellContents(value);
            }
            if (value != 0) {
                out.add(new NamedValue(code.localNames().get(i), renderer.render(value)));
            }
        }
        return out;
    }

    /** A cell or free variable's slot holds a cell object; its value is what the cell holds. */
    private long cellContents(long cell) {
        try {
            return heap.links().cellContents(cell);
        } catch (MemoryReadException e) {
            return 0;
        }
    }

    /** The names of the frame's module. */
    public List<NamedValue> globals(PythonFrame frame) {
        long dict = frames.globals(frame);
        List<NamedValue> out = new ArrayList<>();
        for (DictEntry e : heap.dicts().entries(dict, MAX_GLOBALS)) {
            out.add(new NamedValue(heap.strings().name(e.key()), renderer.render(e.value())));
        }
        return out;
    }
}
