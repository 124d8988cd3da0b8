package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.ReaderException;

/** A tracepoint that cannot be set; the message says why and what would make it work. */
public class TracepointException extends ReaderException {
    public TracepointException(String message) {
        super(message);
    }

    public TracepointException(String message, Throwable cause) {
        super(message, cause);
    }
}
