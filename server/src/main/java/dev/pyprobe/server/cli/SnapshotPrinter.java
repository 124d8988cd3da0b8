package dev.pyprobe.server.cli;

import java.io.PrintWriter;

/** Writes a snapshot for people or for programs. */
interface SnapshotPrinter {
    /** The threads with their frames (and locals, when read), then the pending asyncio tasks, when read. */
    void print(DumpRead read, PrintWriter out);
}
