package dev.pyprobe.reader;

/** The target runs a CPython version that pyprobe has no layout for, and cannot read through its own debug offsets. */
public class UnsupportedVersionException extends ReaderException {
    public UnsupportedVersionException(String version, String supported) {
        super("unsupported Python version " + version + " (supported: " + supported + ")");
    }

    /** @param why why the version cannot be read although it is newer than the table's newest */
    public UnsupportedVersionException(String version, String supported, String why) {
        super("unsupported Python version " + version + ": " + why + " (supported: " + supported + ")");
    }

    private UnsupportedVersionException(String message) {
        super(message);
    }

    /** The version is read, but not {@code what} in it. */
    public static UnsupportedVersionException partNotRead(String what, String version, String supported) {
        return new UnsupportedVersionException(what + " are not read for Python " + version + " (supported: " + supported + ")");
    }
}
