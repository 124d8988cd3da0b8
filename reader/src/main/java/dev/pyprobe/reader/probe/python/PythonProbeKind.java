package dev.pyprobe.reader.probe.python;

/**
 * CPython's per-frame USDT probes, all with arguments {@code (char *filename, char *funcname,
 * int lineno)}. Present in --with-dtrace builds up to 3.11; 3.12-3.14 dropped them.
 */
public enum PythonProbeKind {
    FUNCTION_ENTRY("function__entry"),
    FUNCTION_RETURN("function__return"),
    LINE("line");

    private final String noteName;

    PythonProbeKind(String noteName) {
        this.noteName = noteName;
    }

    /** The probe's name in the .note.stapsdt section (provider "python"). */
    public String noteName() {
        return noteName;
    }
}
