package dev.pyprobe.reader.probe;

import dev.pyprobe.reader.ReaderException;

/**
 * A kernel tracepoint could not be set up or used. When the cause is a failed system call, {@link
 * #errno()} holds its error number and the message says what it means for the user.
 */
public class ProbeException extends ReaderException {
    private final int errno;

    public ProbeException(String message) {
        this(message, 0);
    }

    public ProbeException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The error number of the failed system call, or 0 when no system call failed. */
    public int errno() {
        return errno;
    }
}
