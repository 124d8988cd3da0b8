package dev.pyprobe.reader;

/** The target runs no CPython interpreter that pyprobe can find. */
public class NotPythonException extends ReaderException {
    public NotPythonException(int pid, String detail) {
        super("process " + pid + " is not a Python process: " + detail);
    }
}
