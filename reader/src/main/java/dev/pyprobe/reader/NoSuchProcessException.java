package dev.pyprobe.reader;

/** The PID names no process (or it exited before it could be read). */
public class NoSuchProcessException extends ReaderException {
    public NoSuchProcessException(int pid) {
        super("no such process: " + pid);
    }
}
