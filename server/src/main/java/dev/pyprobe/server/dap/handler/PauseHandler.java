package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.SnapshotOptions;
import dev.pyprobe.server.dap.Attachment;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.state.PausedState;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;

/**
 * {@code pause} takes a snapshot of every thread and shows it as a stop; {@code continue} drops
 * it. Neither stops nor resumes the process (except for the moment of a freeze-mode read).
 */
public final class PauseHandler {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    /** Beside the thread's name in VS Code's Call Stack: a word, not a sentence that hides the name. */
    static final String DESCRIPTION = "snapshot";

    private final DebugSession session;
    private boolean explained;

    public PauseHandler(DebugSession session) {
        this.session = session;
    }

    public Void pause(PauseArguments args) {
        Attachment attachment = session.attachment();
        boolean freeze = attachment.arguments().freeze();
        ProcessSnapshot snapshot = attachment.target().snapshot(SnapshotOptions.DEFAULT.withFreeze(freeze));
        PausedState state = new PausedState(snapshot, ident -> session.threadIds().idOf(ident),
                args != null ? args.getThreadId() : 0);
        session.paused(state);
        StoppedEventArguments stopped = new StoppedEventArguments();
        stopped.setReason(StoppedEventArgumentsReason.PAUSE);
        stopped.setAllThreadsStopped(true);
        if (state.focusThreadId() > 0) {
            stopped.setThreadId(state.focusThreadId());
        }
        stopped.setDescription(DESCRIPTION);
        stopped.setText(explain(snapshot, freeze));
        boolean first = !explained;
        explained = true;
        session.afterResponse("pause", () -> {
            if (first) {
                session.console(stopped.getText());
            }
            session.announceStop(stopped);
        });
        return null;
    }

    /** What the stop is, said once on the console and kept in the stop's text for clients that show it. */
    private static String explain(ProcessSnapshot snapshot, boolean freeze) {
        String at = TIME.format(snapshot.takenAt()) + " UTC";
        return (freeze
                ? "Snapshot at " + at + ", read while the process was frozen; it is running again. "
                : "Snapshot at " + at + "; the process is still running. ")
                + "Each value is read once per snapshot and then shown the same everywhere until you pause again "
                + "or continue.";
    }

    public ContinueResponse continue_(ContinueArguments args) {
        session.attachment();
        session.paused(null);
        ContinueResponse response = new ContinueResponse();
        response.setAllThreadsContinued(true);
        ContinuedEventArguments continued = new ContinuedEventArguments();
        continued.setThreadId(args != null ? args.getThreadId() : 0);
        continued.setAllThreadsContinued(true);
        session.afterResponse("continue", () -> session.client().continued(continued));
        return response;
    }
}
