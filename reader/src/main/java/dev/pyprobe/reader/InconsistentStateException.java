package dev.pyprobe.reader;

/**
 * The target's memory changed while it was being read and no consistent view could be obtained
 * within the retry budget, or a structure failed a sanity check (a cycle, an absurd size).
 */
public class InconsistentStateException extends ReaderException {
    public InconsistentStateException(String message) {
        super(message);
    }
}
