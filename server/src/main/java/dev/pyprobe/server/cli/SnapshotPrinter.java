package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.ProcessSnapshot;
import java.io.PrintWriter;

/** Writes a snapshot for people or for programs. */
interface SnapshotPrinter {
    void print(ProcessSnapshot snapshot, PrintWriter out);
}
