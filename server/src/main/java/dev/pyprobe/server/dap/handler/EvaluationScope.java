package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.ThreadStack;
import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.ErrorCode;
import dev.pyprobe.server.dap.state.FrameRef;
import dev.pyprobe.server.dap.state.PausedState;
import dev.pyprobe.server.dap.state.SnapshotValues;
import dev.pyprobe.server.evaluate.FrameEvaluator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where {@code evaluate} looks names up. With a frame, in that frame (a breakpoint snapshot's
 * hitting frame with the locals read at the hit). Without one, which VS Code sends when a thread
 * is selected but no frame, in the top frame of the thread the stop is about, and for a name not
 * defined there among the globals of {@code __main__}, where a program keeps its own names.
 */
final class EvaluationScope {
    private static final String MODULE_CODE = "<module>";
    private static final String MAIN_NAME = "'__main__'";

    private final DebugSession session;

    EvaluationScope(DebugSession session) {
        this.session = session;
    }

    /** Where an expression is evaluated, and the values it and its children are read through. */
    record Where(FrameEvaluator evaluator, SnapshotValues reads) {
    }

    /** Where an expression that starts with {@code name} is evaluated. */
    Where of(Integer frameId, String name) {
        if (frameId != null) {
            FrameRef ref = VariablesHandler.frame(session, frameId);
            SnapshotValues values = session.values(ref.threadId());
            PythonFrame frame = ref.frame();
            return new Where(session.attachment().breakpoints().captures().localsOf(frame)
                    .map(locals -> FrameEvaluator.withLocals(values, frame, locals))
                    .orElseGet(() -> FrameEvaluator.of(values, frame)), values);
        }
        PausedState paused = session.paused();
        SnapshotValues values = session.values(paused.focusThreadId());
        return new Where(withoutFrame(paused, values, name), values);
    }

    private FrameEvaluator withoutFrame(PausedState paused, SnapshotValues values, String name) {
        Optional<FrameEvaluator> top = paused.stack(paused.focusThreadId()).map(ThreadStack::frames)
                .filter(frames -> !frames.isEmpty()).map(frames -> FrameEvaluator.of(values, frames.get(0)));
        if (top.isPresent() && defines(top.get(), name)) {
            return top.get();
        }
        // Only the module's globals: the frame found may be a function of __main__, whose locals are not meant.
        Optional<FrameEvaluator> main = mainModuleFrame(paused, values)
                .map(frame -> FrameEvaluator.withLocals(values, frame, List.of()));
        return main.filter(m -> defines(m, name)).or(() -> top).or(() -> main).orElseThrow(() -> new DapException(
                ErrorCode.NOT_EVALUATED, "The snapshot has no Python frame to evaluate '" + name + "' in."));
    }

    /**
     * Whether the frame has the name; a frame that cannot be read (it returned since the snapshot)
     * has none here, and says why when it is the only place left to look.
     */
    private static boolean defines(FrameEvaluator frame, String name) {
        try {
            return frame.defines(name);
        } catch (ProcessExitedException e) {
            throw e;
        } catch (ReaderException e) {
            return false;
        }
    }

    /**
     * A frame whose globals are {@code __main__}'s: module code first (the script's own body sits
     * at the bottom of the main thread), one frame per file, as every frame of a module shares them.
     */
    private static Optional<PythonFrame> mainModuleFrame(PausedState paused, SnapshotValues values) {
        List<PythonFrame> candidates = new ArrayList<>();
        Set<String> files = new HashSet<>();
        paused.stacks().values().stream().flatMap(s -> s.frames().stream())
                .sorted(Comparator.comparing(f -> !f.function().equals(MODULE_CODE)))
                .filter(f -> files.add(f.file()))
                .forEach(candidates::add);
        for (PythonFrame frame : candidates) {
            try {
                if (values.globals(frame).stream().anyMatch(EvaluationScope::namesMain)) {
                    return Optional.of(frame);
                }
            } catch (ProcessExitedException e) {
                throw e;
            } catch (ReaderException e) {
                // This frame's module cannot be read now; another frame may be __main__'s.
            }
        }
        return Optional.empty();
    }

    private static boolean namesMain(NamedValue global) {
        return global.name().equals("__name__") && global.value().text().equals(MAIN_NAME);
    }
}
