package dev.pyprobe.server.tracing;

import dev.pyprobe.server.evaluate.FrameEvaluator;

/**
 * The hitting thread's frame as read after a hit: an evaluator over it, or why there is none
 * (the process runs on, so the function may have returned before the frame was read).
 */
public record HitFrame(FrameEvaluator evaluator, String goneReason) {
    /** What a log message shows for values of a frame that is gone. */
    public static final String GONE = "<frame gone>";

    public static HitFrame of(FrameEvaluator evaluator) {
        return new HitFrame(evaluator, null);
    }

    public static HitFrame gone(String reason) {
        return new HitFrame(null, reason);
    }

    public boolean isGone() {
        return evaluator == null;
    }
}
