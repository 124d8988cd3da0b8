package dev.pyprobe.reader.probe.python;

/** A CPython frame probe firing, with its strings read from the target. */
public record PythonProbeHit(PythonProbeKind kind, int tid, long timeNanos, String filename, String function,
        int lineno) {
}
