package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.server.dap.AttachRefusedException;
import dev.pyprobe.server.dap.Attachment;
import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.ErrorCode;
import dev.pyprobe.server.dap.breakpoints.Breakpoints;
import dev.pyprobe.server.dap.protocol.AttachArguments;
import dev.pyprobe.server.dap.state.SourceRegistry;
import dev.pyprobe.server.dap.state.ThreadChanges;
import dev.pyprobe.server.dap.state.ThreadWatcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.eclipse.lsp4j.debug.ProcessEventArguments;
import org.eclipse.lsp4j.debug.ProcessEventArgumentsStartMethod;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.ThreadEventArgumentsReason;

/**
 * {@code attach}: checks the guard before anything of the target is read, opens the target, and
 * starts watching its threads.
 */
public final class AttachHandler {
    static final Duration THREAD_POLL_INTERVAL = Duration.ofMillis(500);

    private final DebugSession session;

    public AttachHandler(DebugSession session) {
        this.session = session;
    }

    public Void attach(Map<String, Object> raw) throws AttachRefusedException {
        if (session.isAttached()) {
            throw new DapException(ErrorCode.BAD_ARGUMENTS, "This session is already attached; one session "
                    + "inspects one process. Start another session for another process.");
        }
        AttachArguments args;
        try {
            args = AttachArguments.from(raw);
        } catch (IllegalArgumentException e) {
            throw new DapException(ErrorCode.BAD_ARGUMENTS, e.getMessage());
        }
        session.guard().check(args.processId(), raw);
        PythonTarget target = session.attacher().attach(args.processId());
        try {
            start(target, args);
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
        return null;
    }

    private void start(PythonTarget target, AttachArguments args) {
        List<PythonThread> initial = target.threads();
        initial.forEach(t -> session.threadIds().idOf(t.ident()));
        SourceRegistry sources = new SourceRegistry(target.process().files(), args.remoteSources());
        ThreadWatcher watcher = new ThreadWatcher(() -> readThreads(target), initial, new Events(),
                THREAD_POLL_INTERVAL);
        Breakpoints breakpoints = new Breakpoints(session, target, args.breakpoints(), sources);
        session.attached(new Attachment(target, args, sources, watcher, breakpoints));
        String command = target.process().commandLine();
        session.afterResponse("attach", () -> announce(target, command, args));
    }

    private List<PythonThread> readThreads(PythonTarget target) {
        synchronized (session) {
            if (session.isEnding()) {
                // This read waited for the lock while the session closed the target.
                throw new CancellationException("the session has ended");
            }
            if (!target.isAlive()) {
                throw new ProcessExitedException(target.pid());
            }
            return target.threads();
        }
    }

    private void announce(PythonTarget target, String command, AttachArguments args) {
        ProcessEventArguments process = new ProcessEventArguments();
        process.setName(command.isEmpty() ? "python (pid " + target.pid() + ")" : command);
        process.setSystemProcessId(target.pid());
        process.setIsLocalProcess(true);
        process.setStartMethod(ProcessEventArgumentsStartMethod.ATTACH);
        session.client().process(process);
        session.console("Attached to Python " + target.version() + " process " + target.pid() + " (" + command
                + "). pyprobe only reads its memory: the process keeps running and no code runs in it."
                + (args.freeze() ? " Freeze mode: the process is stopped (SIGSTOP) while each snapshot is read."
                : " Pause takes a snapshot of every thread."));
        target.warning().ifPresent(w -> session.console("Warning: " + w + "."));
    }

    /** Thread events from the watcher. */
    private final class Events implements ThreadWatcher.Listener {
        @Override
        public void changed(ThreadChanges changes) {
            for (PythonThread t : changes.started()) {
                send(ThreadEventArgumentsReason.STARTED, session.threadIds().idOf(t.ident()));
            }
            for (long ident : changes.exited()) {
                send(ThreadEventArgumentsReason.EXITED, session.threadIds().idOf(ident));
            }
        }

        private void send(String reason, int threadId) {
            ThreadEventArguments event = new ThreadEventArguments();
            event.setReason(reason);
            event.setThreadId(threadId);
            session.client().thread(event);
        }

        @Override
        public void targetExited() {
            session.targetExited();
        }
    }
}
