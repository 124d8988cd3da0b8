package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.python.PythonFrame;

/** What a DAP frame id stands for: a frame of the current snapshot and the thread it is on. */
public record FrameRef(int threadId, PythonFrame frame) {
}
