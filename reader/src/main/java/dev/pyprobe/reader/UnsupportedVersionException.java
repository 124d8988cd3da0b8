package dev.pyprobe.reader;

/** The target runs a CPython version that pyprobe has no layout for. */
public class UnsupportedVersionException extends ReaderException {
    public UnsupportedVersionException(String version, String supported) {
        super("unsupported Python version " + version + " (supported: " + supported + ")");
    }

    /** The version is read, but not {@code what} in it. */
    public UnsupportedVersionException(String what, String version, String supported) {
        super(what + " are not read for Python " + version + " (supported: " + supported + ")");
    }
}
