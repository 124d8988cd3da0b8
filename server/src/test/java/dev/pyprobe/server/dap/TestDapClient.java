package dev.pyprobe.server.dap;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InvalidatedEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.ProcessEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

/** The client side of a test session: records every event, in arrival order, to wait on. */
final class TestDapClient implements IDebugProtocolClient {
    static final long EVENT_TIMEOUT_S = 10;

    /** Every response and event, as "response:cmd" / "event:name", in the order they arrived. */
    final List<String> order = new ArrayList<>();
    final BlockingQueue<Object> initialized = new LinkedBlockingQueue<>();
    final BlockingQueue<StoppedEventArguments> stopped = new LinkedBlockingQueue<>();
    final BlockingQueue<ContinuedEventArguments> continued = new LinkedBlockingQueue<>();
    final BlockingQueue<ExitedEventArguments> exited = new LinkedBlockingQueue<>();
    final BlockingQueue<TerminatedEventArguments> terminated = new LinkedBlockingQueue<>();
    final BlockingQueue<ThreadEventArguments> threads = new LinkedBlockingQueue<>();
    final BlockingQueue<OutputEventArguments> outputs = new LinkedBlockingQueue<>();
    final BlockingQueue<ProcessEventArguments> processes = new LinkedBlockingQueue<>();
    final BlockingQueue<BreakpointEventArguments> breakpoints = new LinkedBlockingQueue<>();
    final BlockingQueue<InvalidatedEventArguments> invalidated = new LinkedBlockingQueue<>();

    synchronized void mark(String what) {
        order.add(what);
    }

    synchronized List<String> order() {
        return List.copyOf(order);
    }

    static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        T event = queue.poll(EVENT_TIMEOUT_S, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no " + what + " event within " + EVENT_TIMEOUT_S + " s");
        }
        return event;
    }

    /** Output events until one contains {@code text}. */
    OutputEventArguments outputContaining(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EVENT_TIMEOUT_S);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            OutputEventArguments o = outputs.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (o == null) {
                break;
            }
            if (o.getOutput().contains(text)) {
                return o;
            }
            seen.add(o.getOutput());
        }
        throw new AssertionError("no output containing '" + text + "'; saw " + seen);
    }

    @Override
    public void initialized() {
        initialized.add(Boolean.TRUE);
    }

    @Override
    public void stopped(StoppedEventArguments args) {
        stopped.add(args);
    }

    @Override
    public void continued(ContinuedEventArguments args) {
        continued.add(args);
    }

    @Override
    public void exited(ExitedEventArguments args) {
        exited.add(args);
    }

    @Override
    public void terminated(TerminatedEventArguments args) {
        terminated.add(args == null ? new TerminatedEventArguments() : args);
    }

    @Override
    public void thread(ThreadEventArguments args) {
        threads.add(args);
    }

    @Override
    public void output(OutputEventArguments args) {
        outputs.add(args);
    }

    @Override
    public void breakpoint(BreakpointEventArguments args) {
        breakpoints.add(args);
    }

    @Override
    public void process(ProcessEventArguments args) {
        processes.add(args);
    }

    @Override
    public void invalidated(InvalidatedEventArguments args) {
        invalidated.add(args);
    }
}
