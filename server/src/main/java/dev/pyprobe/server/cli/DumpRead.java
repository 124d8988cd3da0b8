package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.SnapshotOptions;
import dev.pyprobe.reader.python.ThreadStack;
import dev.pyprobe.server.wording.FrameLocals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a dump prints, read as one piece: the stacks, and when asked for, every frame's locals and
 * the pending asyncio tasks, read with the stacks (inside the freeze when there is one), so that
 * they are the stacks' moment and not the moment the printer reaches them.
 *
 * @param locals each frame's locals, or no entry for a frame when locals were not asked for
 * @param tasks  the pending tasks, when asked for
 */
record DumpRead(ProcessSnapshot snapshot, Map<PythonFrame, List<NamedValue>> locals, Optional<List<AsyncTask>> tasks) {

    static DumpRead of(PythonTarget target, SnapshotOptions options, boolean withLocals, boolean withTasks) {
        Map<PythonFrame, List<NamedValue>> locals = new HashMap<>();
        AtomicReference<List<AsyncTask>> tasks = new AtomicReference<>();
        ProcessSnapshot snapshot = target.snapshot(options, taken -> {
            if (withLocals) {
                for (ThreadStack stack : taken.threads()) {
                    stack.frames().forEach(f -> locals.put(f, FrameLocals.read(target, f)));
                }
            }
            if (withTasks) {
                tasks.set(target.tasks());
            }
        });
        return new DumpRead(snapshot, Map.copyOf(locals), Optional.ofNullable(tasks.get()));
    }

    /** The frame's locals as read with the stacks; empty when they were not asked for. */
    Optional<List<NamedValue>> localsOf(PythonFrame frame) {
        return Optional.ofNullable(locals.get(frame));
    }
}
