package dev.pyprobe.server.wording;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import java.util.List;
import java.util.function.Supplier;

/**
 * A frame's local variables, or, when they cannot be read (the frame returned, memory changed
 * under the read), one entry {@code <locals>} that says why: shown where the locals would be, the
 * same way in every client.
 */
public final class FrameLocals {
    public static final String UNREADABLE_NAME = "<locals>";

    private FrameLocals() {
    }

    public static List<NamedValue> read(PythonTarget target, PythonFrame frame) {
        return read(() -> target.locals(frame));
    }

    /** The locals {@code read} gives, or the entry that says why it failed. */
    public static List<NamedValue> read(Supplier<List<NamedValue>> read) {
        try {
            return read.get();
        } catch (ProcessExitedException e) {
            throw e;
        } catch (ReaderException e) {
            return List.of(unreadable(e.getMessage()));
        }
    }

    public static NamedValue unreadable(String reason) {
        return new NamedValue(UNREADABLE_NAME, new PyValue("unreadable", "<not readable: " + reason + ">", 0,
                PyValue.Kind.UNREADABLE, 0));
    }
}
