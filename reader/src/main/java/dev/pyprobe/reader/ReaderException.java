package dev.pyprobe.reader;

/**
 * Base of every failure the reader reports. Each subclass is one thing a user can act on, and
 * its message is written to be shown to that user as it is.
 */
public class ReaderException extends RuntimeException {
    public ReaderException(String message) {
        super(message);
    }

    public ReaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
