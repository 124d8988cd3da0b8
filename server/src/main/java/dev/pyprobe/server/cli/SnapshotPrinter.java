package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.ProcessSnapshot;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** Writes a snapshot for people or for programs. */
interface SnapshotPrinter {
    /** @param tasks the pending asyncio tasks, when asked for (after the threads) */
    void print(ProcessSnapshot snapshot, Optional<List<AsyncTask>> tasks, PrintWriter out);
}
