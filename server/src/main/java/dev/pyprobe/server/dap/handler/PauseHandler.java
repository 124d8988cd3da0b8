package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.SnapshotOptions;
import dev.pyprobe.server.dap.Attachment;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.state.PausedState;
import dev.pyprobe.server.dap.state.PausedTasks;
import dev.pyprobe.server.dap.state.ReadAhead;
import dev.pyprobe.server.dap.state.ShownThread;
import dev.pyprobe.server.dap.state.SnapshotValues;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.ThreadEventArgumentsReason;

/**
 * {@code pause} takes a snapshot of every thread, with the pending asyncio tasks, and shows it as
 * a stop; {@code continue} drops it. Neither stops nor resumes the process (except for the moment
 * of a freeze-mode read).
 */
public final class PauseHandler {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    /** Beside the thread's name in VS Code's Call Stack: a word, not a sentence that hides the name. */
    static final String DESCRIPTION = "snapshot";
    /**
     * Locals and children read with a snapshot at most: what a first look shows in a typical process,
     * while a freeze stops a large one for milliseconds, not seconds.
     */
    static final int READ_AHEAD_VALUES = 2000;

    private final DebugSession session;
    private final TaskReading tasks = new TaskReading();
    private boolean explained;

    public PauseHandler(DebugSession session) {
        this.session = session;
    }

    public Void pause(PauseArguments args) {
        Attachment attachment = session.attachment();
        boolean freeze = attachment.arguments().freeze();
        SnapshotValues values = new SnapshotValues(attachment.target());
        AtomicReference<ReadAhead> readAhead = new AtomicReference<>();
        AtomicReference<TaskReading.Read> taskRead = new AtomicReference<>();
        ProcessSnapshot snapshot = attachment.target().snapshot(SnapshotOptions.DEFAULT.withFreeze(freeze), taken -> {
            taskRead.set(tasks.read(attachment.target(), attachment.arguments().tasks()));
            List<AsyncTask> shownTasks = taskRead.get().tasks();
            readAhead.set(ReadAhead.read(values, taken,
                    shownTasks.subList(0, Math.min(shownTasks.size(), attachment.arguments().tasks().max())),
                    READ_AHEAD_VALUES));
        });
        PausedTasks pausedTasks = PausedTasks.of(taskRead.get().tasks(), attachment.arguments().tasks().max(),
                session.threadIds(), values);
        PausedState state = new PausedState(snapshot, ident -> session.threadIds().idOf(ident),
                args != null ? args.getThreadId() : 0, values, pausedTasks);
        session.paused(state);
        StoppedEventArguments stopped = new StoppedEventArguments();
        stopped.setReason(StoppedEventArgumentsReason.PAUSE);
        stopped.setAllThreadsStopped(true);
        if (state.focusThreadId() > 0) {
            stopped.setThreadId(state.focusThreadId());
        }
        stopped.setDescription(DESCRIPTION);
        stopped.setText(explain(snapshot, freeze, readAhead.get()));
        boolean first = !explained;
        explained = true;
        session.afterResponse("pause", () -> {
            if (first) {
                session.console(stopped.getText());
            }
            taskRead.get().notes().forEach(session::console);
            session.announceStop(stopped);
        });
        return null;
    }

    /**
     * What the stop is and which of its values are its moment's, said once on the console and kept
     * in the stop's text for clients that show it.
     */
    static String explain(ProcessSnapshot snapshot, boolean freeze, ReadAhead readAhead) {
        String at = TIME.format(snapshot.takenAt()) + " UTC";
        String frames = readAhead.complete() ? "every frame" : readAhead.frames() + " of " + readAhead.framesShown()
                + " frames (the innermost of each thread and task first)";
        String took = String.format(Locale.ROOT, "%.1f ms", readAhead.nanos() / 1e6);
        return (freeze
                ? "Snapshot at " + at + ", read while the process was frozen; it is running again. Locals of "
                        + frames + " and their attributes and items (the first 100 of each) were read frozen too (" + took + "). "
                : "Snapshot at " + at + "; the process is still running. Locals of " + frames
                        + " and their attributes and items (the first 100 of each) were read in the " + took + " after the stacks, "
                        + "while it ran: set \"freeze\": true to read them at the snapshot's moment. ")
                + "Anything else is read live when first shown. Each value is read once per snapshot and then shown "
                + "the same everywhere until you pause again or continue.";
    }

    public ContinueResponse continue_(ContinueArguments args) {
        session.attachment();
        List<Integer> tasksShown = session.isPaused()
                ? session.paused().tasks().threads().stream().map(ShownThread::id).toList() : List.of();
        session.paused(null);
        ContinueResponse response = new ContinueResponse();
        response.setAllThreadsContinued(true);
        ContinuedEventArguments continued = new ContinuedEventArguments();
        continued.setThreadId(args != null ? args.getThreadId() : 0);
        continued.setAllThreadsContinued(true);
        session.afterResponse("continue", () -> {
            session.client().continued(continued);
            // A task's thread lives as long as the pause that read it: a client keeps listing it otherwise.
            tasksShown.forEach(this::exited);
        });
        return response;
    }

    private void exited(int threadId) {
        ThreadEventArguments exited = new ThreadEventArguments();
        exited.setReason(ThreadEventArgumentsReason.EXITED);
        exited.setThreadId(threadId);
        session.client().thread(exited);
    }
}
