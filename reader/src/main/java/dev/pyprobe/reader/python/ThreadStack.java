package dev.pyprobe.reader.python;

import java.util.List;

/**
 * A thread with its stack, innermost frame first.
 *
 * @param consistent false when every attempt to read the stack saw it change under the reader;
 *                   the frames are then the last attempt's and may mix two moments
 */
public record ThreadStack(PythonThread thread, List<PythonFrame> frames, boolean consistent) {
    public ThreadStack {
        frames = List.copyOf(frames);
    }

    /** This stack with {@code frame} as its innermost frame, called from the current innermost. */
    public ThreadStack withInnermost(PythonFrame frame) {
        List<PythonFrame> all = new java.util.ArrayList<>(frames.size() + 1);
        all.add(frame);
        all.addAll(frames);
        return new ThreadStack(thread, all, consistent);
    }
}
