package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.python.PythonFrame;

/**
 * One line of a thread's stack in the Call Stack: a frame, or a label that introduces the frames
 * after it (clients show it greyed, not as a frame).
 *
 * @param frame      the frame, or for a label the first frame it introduces (its frame id points there)
 * @param label      the label's text, null for a frame
 * @param consistent false when the stack kept changing while it was read: it may mix two moments
 */
public record StackEntry(PythonFrame frame, String label, boolean consistent) {

    public static StackEntry frame(PythonFrame frame, boolean consistent) {
        return new StackEntry(frame, null, consistent);
    }

    public static StackEntry label(String text, PythonFrame introduced) {
        return new StackEntry(introduced, text, true);
    }

    public boolean isLabel() {
        return label != null;
    }
}
