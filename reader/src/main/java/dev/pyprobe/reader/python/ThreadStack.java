package dev.pyprobe.reader.python;

import java.util.List;

/**
 * A thread with its stack, innermost frame first.
 *
 * @param consistent false when the stack could not be proven one moment's (the thread ran while it
 *                   was read, and the kernel did not copy it); the frames are then as one walk
 *                   found them and may mix moments
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
