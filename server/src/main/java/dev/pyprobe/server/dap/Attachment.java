package dev.pyprobe.server.dap;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.server.dap.breakpoints.Breakpoints;
import dev.pyprobe.server.dap.protocol.AttachArguments;
import dev.pyprobe.server.dap.state.SourceRegistry;
import dev.pyprobe.server.dap.state.ThreadWatcher;

/** The process a session is attached to, and what lives exactly as long as the attachment. */
public record Attachment(PythonTarget target, AttachArguments arguments, SourceRegistry sources,
                         ThreadWatcher watcher, Breakpoints breakpoints) implements AutoCloseable {

    /**
     * Removes every breakpoint's probes, stops watching and releases the reader; the target itself is
     * left running (resumed, if a stop breakpoint had stopped it).
     */
    @Override
    public void close() {
        breakpoints.close();
        watcher.close();
        target.close();
    }
}
