package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.python.PythonFrame;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** A stack as its innermost frame (when Python shows it) on top of its callers', without copying them. */
final class OnTop extends AbstractList<PythonFrame> implements RandomAccess {
    private final PythonFrame top;
    private final List<PythonFrame> callers;

    private OnTop(PythonFrame top, List<PythonFrame> callers) {
        this.top = top;
        this.callers = callers;
    }

    static List<PythonFrame> of(PythonFrame top, List<PythonFrame> callers) {
        return top == null ? callers : new OnTop(top, callers);
    }

    @Override
    public PythonFrame get(int index) {
        return index == 0 ? top : callers.get(index - 1);
    }

    @Override
    public int size() {
        return callers.size() + 1;
    }
}
