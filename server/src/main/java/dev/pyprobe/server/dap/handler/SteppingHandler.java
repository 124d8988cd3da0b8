package dev.pyprobe.server.dap.handler;

import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.ErrorCode;
import org.eclipse.lsp4j.debug.StoppedEventArguments;

/**
 * Step Over, Into and Out, and the other requests that would move a thread. pyprobe cannot step:
 * it never stops the process's threads, so no thread waits at a line for a next one. VS Code
 * offers Step Over/Into/Out whatever the capabilities say and shows a notification for any error
 * they answer, so those three are answered with success and the thread is told to stay where it
 * is: its stop is announced again before the response, which keeps VS Code from marking it
 * running. The rest are only sent to an adapter that claims them; they fail with showUser false.
 * Each says why on the console.
 */
public final class SteppingHandler {
    static final String WHY = "pyprobe cannot step: it never stops the process's threads, so none waits at a "
            + "line for the next one. The snapshot stays as it is; pause again for a new one, or set a breakpoint "
            + "(a tracepoint) where you want to look.";

    private final DebugSession session;

    public SteppingHandler(DebugSession session) {
        this.session = session;
    }

    /** {@code next}, {@code stepIn}, {@code stepOut}: nothing moves, and the thread keeps showing its stop. */
    public Void stay(int threadId) {
        session.console(WHY);
        session.stopOf(threadId).ifPresent(stop -> session.client().stopped(again(stop, threadId)));
        return null;
    }

    /** Moves no client offers to pyprobe: {@code stepBack}, {@code goto}, {@code restartFrame}... */
    public <T> T refuse() {
        session.console(WHY);
        throw new DapException(ErrorCode.CANNOT_STEP, WHY);
    }

    /** The stop repeated for one thread, leaving the user's selected frame where it is. */
    private static StoppedEventArguments again(StoppedEventArguments stop, int threadId) {
        StoppedEventArguments copy = new StoppedEventArguments();
        copy.setReason(stop.getReason());
        copy.setDescription(stop.getDescription());
        copy.setText(stop.getText());
        copy.setHitBreakpointIds(stop.getHitBreakpointIds());
        copy.setThreadId(threadId);
        copy.setAllThreadsStopped(false);
        copy.setPreserveFocusHint(true);
        return copy;
    }
}
