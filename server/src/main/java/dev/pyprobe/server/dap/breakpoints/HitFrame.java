package dev.pyprobe.server.dap.breakpoints;

import dev.pyprobe.server.dap.evaluate.FrameEvaluator;

/**
 * The hitting thread's frame as read after a hit: an evaluator over it, or why there is none
 * (the process runs on, so the function may have returned before the frame was read).
 */
record HitFrame(FrameEvaluator evaluator, String goneReason) {
    /** What a log message shows for values of a frame that is gone. */
    static final String GONE = "<frame gone>";

    static HitFrame of(FrameEvaluator evaluator) {
        return new HitFrame(evaluator, null);
    }

    static HitFrame gone(String reason) {
        return new HitFrame(null, reason);
    }

    boolean isGone() {
        return evaluator == null;
    }
}
