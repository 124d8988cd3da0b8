package dev.pyprobe.server.dap.breakpoints;

import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.state.PausedState;
import dev.pyprobe.server.dap.state.SnapshotValues;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.ThreadEventArgumentsReason;

/**
 * Tells the client about shown hits, in the order they were decided, from the breakpoints' own
 * thread: output lines, snapshots (a stopped thread each) and stops (the session's snapshot).
 */
final class HitPublisher {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final DebugSession session;
    private final Captures captures;
    private final Executor thread;

    HitPublisher(DebugSession session, Captures captures, Executor thread) {
        this.session = session;
        this.captures = captures;
        this.thread = thread;
    }

    void output(String line) {
        run(() -> session.console(line));
    }

    void snapshot(Capture capture, long hitNumber) {
        run(() -> showSnapshot(capture, hitNumber));
    }

    void stop(Capture capture, long hitNumber) {
        run(() -> showStop(capture, hitNumber));
    }

    private void run(Runnable action) {
        try {
            thread.execute(action);
        } catch (RejectedExecutionException e) {
            // The session has ended: nobody is listening any more.
        }
    }

    private void showSnapshot(Capture capture, long hitNumber) {
        String at = TIME.format(capture.snapshot().takenAt());
        ActiveBreakpoint bp = capture.breakpoint();
        Captures.Added added = captures.add("snapshot: " + bp.label() + " @" + at, capture);
        added.dropped().ifPresent(d -> {
            session.console(HitLine.PREFIX + "dropped the oldest snapshot (" + d.name() + "): at most "
                    + Captures.MAX_KEPT + " are kept; continue a snapshot's thread to discard it");
            session.forgetSnapshotThread(d.threadId());
            threadEvent(ThreadEventArgumentsReason.EXITED, d.threadId());
        });
        int threadId = added.shown().threadId();
        threadEvent(ThreadEventArgumentsReason.STARTED, threadId);
        StoppedEventArguments stopped = stoppedAt(bp, threadId, hitNumber);
        stopped.setAllThreadsStopped(false);
        stopped.setText("Snapshot of hit #" + hitNumber + " of " + bp.label() + " at " + at
                + " UTC; the process kept running");
        session.announceStop(stopped);
    }

    private void showStop(Capture capture, long hitNumber) {
        int hitting = session.threadIds().idOf(capture.hitting().thread().ident());
        // The process stays stopped until continue: values read when a view asks are the hit's moment.
        session.paused(new PausedState(capture.snapshot(), ident -> session.threadIds().idOf(ident), hitting,
                new SnapshotValues(session.attachment().target())));
        ActiveBreakpoint bp = capture.breakpoint();
        StoppedEventArguments stopped = stoppedAt(bp, hitting, hitNumber);
        stopped.setAllThreadsStopped(true);
        stopped.setText("Stopped at hit #" + hitNumber + " of " + bp.label() + ": the process is stopped "
                + "(SIGSTOP) until you continue");
        session.console(stopped.getText());
        session.announceStop(stopped);
    }

    /** A stop at a hit; its description, beside the thread's name in VS Code's Call Stack, stays short. */
    private static StoppedEventArguments stoppedAt(ActiveBreakpoint bp, int threadId, long hitNumber) {
        StoppedEventArguments stopped = new StoppedEventArguments();
        stopped.setReason(StoppedEventArgumentsReason.BREAKPOINT);
        stopped.setThreadId(threadId);
        stopped.setHitBreakpointIds(new Integer[] {bp.id()});
        stopped.setDescription("hit #" + hitNumber);
        return stopped;
    }

    private void threadEvent(String reason, int threadId) {
        ThreadEventArguments event = new ThreadEventArguments();
        event.setReason(reason);
        event.setThreadId(threadId);
        session.client().thread(event);
    }
}
