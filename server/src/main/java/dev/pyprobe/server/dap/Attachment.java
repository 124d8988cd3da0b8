package dev.pyprobe.server.dap;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.server.dap.protocol.AttachArguments;
import dev.pyprobe.server.dap.state.SourceRegistry;
import dev.pyprobe.server.dap.state.ThreadWatcher;

/** The process a session is attached to, and what lives exactly as long as the attachment. */
public record Attachment(PythonTarget target, AttachArguments arguments, SourceRegistry sources,
                         ThreadWatcher watcher) implements AutoCloseable {

    /** Stops watching and releases the reader; the target itself is left running untouched. */
    @Override
    public void close() {
        watcher.close();
        target.close();
    }
}
