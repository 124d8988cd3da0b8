package dev.pyprobe.server.dap.breakpoints;

import dev.pyprobe.server.wording.FrameLocals;

import dev.pyprobe.server.tracing.HitFrame;
import dev.pyprobe.server.tracing.HitFrames;
import dev.pyprobe.server.tracing.HitRules;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.SnapshotOptions;
import dev.pyprobe.reader.python.ThreadStack;
import dev.pyprobe.reader.python.trace.TraceHit;
import dev.pyprobe.server.evaluate.FrameEvaluator;
import dev.pyprobe.server.dap.protocol.BreakpointOptions;
import java.util.List;
import java.util.Optional;

/**
 * Decides what each hit shows, on the tracer's event thread, right after the hit: the condition
 * and the values of a log message are read from the hitting frame while it is (probably) still
 * there; a stop or snapshot is read while the process is stopped at the hit. What it decides goes
 * to the {@link HitPublisher}. It never takes the session's lock: the request thread may hold that
 * lock while it removes a tracepoint, which waits for this thread.
 */
final class HitProcessor {
    private final PythonTarget target;
    private final BreakpointOptions.Action action;
    private final HitFrames frames;
    private final StopControl stops;
    private final HitPublisher publisher;

    HitProcessor(PythonTarget target, BreakpointOptions.Action action, StopControl stops, HitPublisher publisher) {
        this.target = target;
        this.action = action;
        this.frames = new HitFrames(target);
        this.stops = stops;
        this.publisher = publisher;
    }

    void process(ActiveBreakpoint bp, TraceHit hit) {
        try {
            if (!show(bp, hit)) {
                resumeIfStopped(hit);
            }
        } catch (ProcessExitedException e) {
            // The thread watcher reports the exit; nothing to show for this hit.
        } catch (ReaderException e) {
            resumeIfStopped(hit);
            problem(bp, "hit #" + bp.counted() + " could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            resumeIfStopped(hit);
            throw e;
        }
    }

    /** Shows the hit if it passes the condition, hit condition and rate; false when it is not shown. */
    private boolean show(ActiveBreakpoint bp, TraceHit hit) {
        if (bp.isClosed()) {
            return false;
        }
        HitRules settings = bp.settings();
        boolean capture = hit.stopped() && action != BreakpointOptions.Action.LOG;
        Capture captured = null;
        HitFrame frame = null;
        if (capture && settings.readsFrame()) {
            // Read everything now, while the process is stopped: the condition then sees exact values.
            captured = capture(bp, hit);
            frame = captured.hitFrameOk() ? HitFrame.of(FrameEvaluator.withLocals(target, captured.hitFrame(),
                    captured.hitLocals())) : HitFrame.gone("the hitting thread was not in the traced code");
        }
        if (settings.condition() != null) {
            if (frame == null) {
                frame = frames.read(hit.tid(), hit.timeNanos(), bp.tracedCode());
            }
            if (!frame.test(settings.condition(), bp::undecided).orElse(false)) {
                return false;
            }
        }
        long number = bp.count();
        if (!settings.hitCondition().test(number)) {
            return false;
        }
        if (!bp.rate().admit(hit.timeNanos())) {
            bp.notShown();
            return false;
        }
        if (settings.logMessage() != null && settings.logMessage().readsFrame() && frame == null) {
            frame = frames.read(hit.tid(), hit.timeNanos(), bp.tracedCode());
        }
        String line = HitLine.of(bp, hit, number, settings.logMessage(), frame);
        if (!capture) {
            resumeIfStopped(hit);
            publisher.output(line);
            return true;
        }
        if (captured == null) {
            captured = capture(bp, hit);
        }
        if (action == BreakpointOptions.Action.STOP && stops.hold()) {
            publisher.output(line);
            publisher.stop(captured, number);
        } else {
            stops.resumeUnlessHeld();
            publisher.output(line);
            if (action == BreakpointOptions.Action.SNAPSHOT) {
                publisher.snapshot(captured, number);
            }
        }
        return true;
    }

    /** Every stack and the hitting frame's locals, read while the process is stopped at the hit. */
    private Capture capture(ActiveBreakpoint bp, TraceHit hit) {
        // Stopped at a function's first instruction, its frame is still being set up: show it anyway.
        ProcessSnapshot snapshot = target.snapshot(SnapshotOptions.DEFAULT.withFramesBeingSetUp(true));
        ThreadStack stack = snapshot.threads().stream().filter(t -> t.thread().nativeId() == hit.tid()).findFirst()
                .orElseThrow(() -> new ReaderException("thread " + hit.tid() + " is not among the Python threads "
                        + "read at the hit"));
        if (hit.frameAddress() != 0 && !startsWith(stack, hit.frameAddress())) {
            // Stopped at the eval function's entry (up to 3.10): the hit's frame is not yet the thread's
            // current one, so it is read from the address the probe reported and shown innermost.
            Optional<PythonFrame> starting = target.frameAt(hit.frameAddress());
            if (starting.isPresent()) {
                stack = stack.withInnermost(starting.get());
                snapshot = snapshot.with(stack);
            }
        }
        PythonFrame top = stack.frames().isEmpty() ? null : stack.frames().get(0);
        if (top != null && !bp.tracedCode().contains(top.codeAddress())) {
            // Some builds fetch a callee's first instruction (where a watchpoint hits) before they
            // make its frame current: the innermost frame read is still the caller's.
            Optional<PythonFrame> entering = target.calleeBeingPushed(top, bp.tracedCode());
            if (entering.isPresent()) {
                stack = stack.withInnermost(entering.get());
                snapshot = snapshot.with(stack);
                top = entering.get();
            }
        }
        boolean ok = top != null && bp.tracedCode().contains(top.codeAddress());
        List<NamedValue> locals = top == null ? List.of() : FrameLocals.read(target, top);
        return new Capture(bp, snapshot, stack, locals, ok);
    }

    private static boolean startsWith(ThreadStack stack, long frameAddress) {
        return !stack.frames().isEmpty() && stack.frames().get(0).frameAddress() == frameAddress;
    }

    private void resumeIfStopped(TraceHit hit) {
        if (hit.stopped()) {
            stops.resumeUnlessHeld();
        }
    }

    void problem(ActiveBreakpoint bp, String message) {
        publisher.output("[pyprobe] " + bp.label() + ": " + message);
    }
}
