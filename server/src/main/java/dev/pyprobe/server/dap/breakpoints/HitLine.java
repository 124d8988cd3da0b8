package dev.pyprobe.server.dap.breakpoints;

import dev.pyprobe.server.tracing.LogMessage;
import dev.pyprobe.server.tracing.HitFrame;

import dev.pyprobe.reader.python.trace.TraceHit;

/**
 * The output line of a shown hit. By default
 * {@code [pyprobe] hit shop:Order.total (shop.py:12) thread 1234 (#17)}: what was hit, where, the
 * kernel thread id and the breakpoint's hit number. With a log message:
 * {@code [pyprobe] shop:Order.total #17: total=42}.
 */
final class HitLine {
    static final String PREFIX = "[pyprobe] ";

    private HitLine() {
    }

    static String of(ActiveBreakpoint bp, TraceHit hit, long number, LogMessage message, HitFrame frame) {
        if (message == null) {
            return PREFIX + "hit " + bp.label() + " (" + where(bp, hit) + ") thread " + hit.tid() + " (#" + number + ")";
        }
        String text = (frame == null ? HitFrame.gone("not read") : frame).render(message);
        return PREFIX + bp.label() + " #" + number + ": " + text;
    }

    /** For a function: its file and first line; for a line: the function it is in. */
    private static String where(ActiveBreakpoint bp, TraceHit hit) {
        String file = hit.file().substring(hit.file().lastIndexOf('/') + 1);
        String fileLine = file + ":" + hit.line();
        return bp.label().endsWith(fileLine) ? hit.function() : fileLine;
    }
}
