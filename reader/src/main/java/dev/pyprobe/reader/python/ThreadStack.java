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
}
