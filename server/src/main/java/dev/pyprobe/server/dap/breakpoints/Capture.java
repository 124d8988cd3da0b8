package dev.pyprobe.server.dap.breakpoints;

import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.ThreadStack;
import java.util.List;

/**
 * What was read while the process was stopped at a hit: every thread's stack, and the locals of
 * the hitting frame.
 *
 * @param hitting    the stack of the thread that hit (innermost frame first)
 * @param hitLocals  the hitting frame's locals, read while the process was stopped
 * @param hitFrameOk the innermost frame was the traced code (false should not happen with a stop)
 */
public record Capture(ActiveBreakpoint breakpoint, ProcessSnapshot snapshot, ThreadStack hitting,
               List<NamedValue> hitLocals, boolean hitFrameOk) {

    public Capture {
        hitLocals = List.copyOf(hitLocals);
    }

    public PythonFrame hitFrame() {
        return hitting.frames().isEmpty() ? null : hitting.frames().get(0);
    }

    /** The other threads, in the interpreter's order. */
    public List<ThreadStack> others() {
        return snapshot.threads().stream().filter(t -> t.thread().ident() != hitting.thread().ident()).toList();
    }
}
