package dev.pyprobe.server.dap;

import dev.pyprobe.server.dap.breakpoints.CaptureThreads;
import dev.pyprobe.server.dap.state.ClientOptions;
import dev.pyprobe.server.dap.state.FrameRef;
import dev.pyprobe.server.dap.state.HandleTable;
import dev.pyprobe.server.dap.state.PausedState;
import dev.pyprobe.server.dap.state.ProcessThreads;
import dev.pyprobe.server.dap.state.ShownThread;
import dev.pyprobe.server.dap.state.ShownThreads;
import dev.pyprobe.server.dap.state.SnapshotValues;
import dev.pyprobe.server.dap.state.TaskThreads;
import dev.pyprobe.server.dap.state.ThreadIdMap;
import dev.pyprobe.server.dap.state.VariableContainer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

/**
 * The state of one DAP session: the attached process, the snapshot being looked at and the
 * handles given to the client. Handlers read and change it while holding its monitor (requests
 * are handled one at a time; the thread watcher takes the same monitor for its reads).
 */
public final class DebugSession {
    /** exitCode of the {@code exited} event: an observer that is not the parent cannot learn the real one. */
    public static final int EXIT_CODE_UNKNOWN = -1;

    private final AttachGuard guard;
    private final TargetAttacher attacher;
    private final ResponseFollowUps followUps;
    private final ThreadIdMap threadIds = new ThreadIdMap();
    private final HandleTable<FrameRef> frames = new HandleTable<>();
    private final HandleTable<VariableContainer> containers = new HandleTable<>();
    private final CaptureThreads captureThreads = new CaptureThreads(this);
    private final ShownThreads shownThreads = new ShownThreads(
            List.of(new ProcessThreads(this), new TaskThreads(this), captureThreads), this::paused);
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile IDebugProtocolClient client;
    private volatile Runnable onEnd = () -> { };
    private ClientOptions clientOptions = ClientOptions.DEFAULT;
    private Attachment attachment;
    private PausedState paused;
    private StoppedEventArguments pauseStop;
    private final Map<Integer, StoppedEventArguments> snapshotThreadStops = new HashMap<>();
    private boolean targetGone;
    private boolean ending;
    private int lastBreakpointId;

    public DebugSession(AttachGuard guard, TargetAttacher attacher, ResponseFollowUps followUps) {
        this.guard = guard;
        this.attacher = attacher;
        this.followUps = followUps;
    }

    /** Connects the session to the client's proxy and to what ends the connection. */
    void connect(IDebugProtocolClient remote, Runnable closeConnection) {
        this.client = remote;
        this.onEnd = closeConnection;
    }

    public IDebugProtocolClient client() {
        return client;
    }

    public AttachGuard guard() {
        return guard;
    }

    public TargetAttacher attacher() {
        return attacher;
    }

    public ThreadIdMap threadIds() {
        return threadIds;
    }

    /** Every thread the client is shown, by id, whatever shows it. */
    public ShownThreads shownThreads() {
        return shownThreads;
    }

    public HandleTable<FrameRef> frames() {
        return frames;
    }

    public HandleTable<VariableContainer> containers() {
        return containers;
    }

    /** Runs {@code action} after the successful response to {@code command} has been written. */
    public void afterResponse(String command, Runnable action) {
        followUps.after(command, action);
    }

    public synchronized ClientOptions clientOptions() {
        return clientOptions;
    }

    public synchronized void clientOptions(ClientOptions options) {
        clientOptions = options;
    }

    public synchronized boolean isAttached() {
        return attachment != null;
    }

    public synchronized void attached(Attachment a) {
        attachment = a;
    }

    /** The PID of the attached process while it is alive. */
    public synchronized OptionalInt livePid() {
        return attachment == null || targetGone ? OptionalInt.empty() : OptionalInt.of(attachment.target().pid());
    }

    /** @throws DapException when no process is attached (or it has exited) */
    public synchronized Attachment attachment() {
        if (attachment == null) {
            throw new DapException(ErrorCode.NOT_ATTACHED, "No process is attached: send 'attach' with a processId first.");
        }
        if (targetGone) {
            throw new DapException(ErrorCode.PROCESS_EXITED, "Process " + attachment.target().pid()
                    + " has exited; there is nothing left to inspect.");
        }
        return attachment;
    }

    /** @throws DapException when there is no snapshot to answer from */
    public synchronized PausedState paused() {
        attachment();
        if (paused == null) {
            throw notPaused();
        }
        return paused;
    }

    /** What a request that needs a snapshot answers while there is none. */
    public static DapException notPaused() {
        return new DapException(ErrorCode.NOT_PAUSED, "No snapshot: the process is running. Pause to take a "
                + "snapshot of its threads (the process keeps running while you look at it).");
    }

    /**
     * Replaces the snapshot, invalidating every frame and variable handle of the previous one and
     * dropping the values read for it.
     */
    public synchronized void paused(PausedState state) {
        frames.clear();
        containers.clear();
        pauseStop = null;
        paused = state;
    }

    /**
     * The values read for what a thread shows, each kept while it shows it: a breakpoint
     * snapshot's thread has its own (its snapshot is another moment, kept until it is discarded);
     * the threads and tasks of a pause share the pause's (since the last pause or continue), and
     * so does a thread no longer shown.
     */
    public synchronized SnapshotValues values(int threadId) {
        attachment();
        return shownThreads.find(threadId).map(ShownThread::values).orElseGet(() -> paused().values());
    }

    /**
     * Sends {@code stopped} and keeps it: a stop of all threads for the current snapshot, another
     * for a breakpoint snapshot's thread, to say again what a thread shows (see {@link #stopOf}).
     */
    public void announceStop(StoppedEventArguments stop) {
        synchronized (this) {
            if (Boolean.TRUE.equals(stop.getAllThreadsStopped())) {
                pauseStop = stop;
            } else {
                snapshotThreadStops.put(stop.getThreadId(), stop);
            }
        }
        client.stopped(stop);
    }

    /** The stop a thread shows now: its own breakpoint snapshot's, or the current snapshot's. */
    public synchronized Optional<StoppedEventArguments> stopOf(int threadId) {
        return Optional.ofNullable(snapshotThreadStops.getOrDefault(threadId, pauseStop));
    }

    /** A breakpoint snapshot's thread is gone (continued or dropped): its stop and values with it. */
    public synchronized void forgetSnapshotThread(int threadId) {
        snapshotThreadStops.remove(threadId);
        captureThreads.forget(threadId);
    }

    public synchronized boolean isPaused() {
        return paused != null;
    }

    /** A breakpoint id not given out before in this session (ids outlive attach and replacement). */
    public synchronized int nextBreakpointId() {
        return ++lastBreakpointId;
    }

    public void output(String category, String text) {
        OutputEventArguments event = new OutputEventArguments();
        event.setCategory(category);
        event.setOutput(text.endsWith("\n") ? text : text + "\n");
        client.output(event);
    }

    public void console(String text) {
        output(OutputEventArgumentsCategory.CONSOLE, text);
    }

    /** The target has died: reports it once with {@code exited} and {@code terminated}. */
    public void targetExited() {
        int pid;
        synchronized (this) {
            if (targetGone || attachment == null) {
                return;
            }
            targetGone = true;
            paused(null);
            pid = attachment.target().pid();
        }
        console("Process " + pid + " has exited (its exit status is known only to its parent).");
        ExitedEventArguments exited = new ExitedEventArguments();
        exited.setExitCode(EXIT_CODE_UNKNOWN);
        client.exited(exited);
        client.terminated(new TerminatedEventArguments());
    }

    /** Detaches (the target keeps running) and closes the connection; idempotent. */
    public void end() {
        synchronized (this) {
            if (ended.getCount() == 0) {
                return;
            }
            ending = true;
            if (attachment != null) {
                attachment.close();
            }
            paused(null);
        }
        try {
            onEnd.run();
        } finally {
            ended.countDown();
        }
    }

    /**
     * Whether the session is ending or has ended: a reader that waited for the session's lock must
     * then not touch the target, which is closed.
     */
    public synchronized boolean isEnding() {
        return ending;
    }

    public void awaitEnd() throws InterruptedException {
        ended.await();
    }
}
