package dev.pyprobe.server.profile;

import dev.pyprobe.reader.python.sampling.Profile;

/** How a frame is named in every format: {@code function (file:line)}, a thread root by its name. */
final class FrameLabels {
    private FrameLabels() {
    }

    static String label(Profile.Frame frame) {
        if (frame.threadRoot()) {
            return frame.function();
        }
        return frame.function() + " (" + frame.file() + ":" + frame.line() + ")";
    }
}
