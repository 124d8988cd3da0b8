package dev.pyprobe.server.dap.protocol;

import java.util.Locale;
import java.util.Map;

/**
 * How breakpoints behave in a session, from the {@code attach} arguments.
 *
 * @param action           what a breakpoint does at a hit
 * @param maxHitsPerSecond hits per breakpoint and second that are shown; the rest are counted
 */
public record BreakpointOptions(Action action, int maxHitsPerSecond) {
    public static final String ACTION = "breakpointAction";
    public static final String MAX_HITS_PER_SECOND = "maxHitsPerSecond";
    public static final int DEFAULT_MAX_HITS_PER_SECOND = 20;
    static final int LIMIT_MAX_HITS_PER_SECOND = 1_000_000;

    public static final BreakpointOptions DEFAULT = new BreakpointOptions(Action.LOG, DEFAULT_MAX_HITS_PER_SECOND);

    /** What a breakpoint does when it is hit. */
    public enum Action {
        /** An output event per hit; the process never stops. */
        LOG,
        /**
         * The process is stopped at the hit just long enough to read every stack and the hitting
         * frame's locals; the capture is shown as a stopped thread of its own.
         */
        SNAPSHOT,
        /** The process is stopped at the hit and stays stopped until the client continues. */
        STOP;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @throws IllegalArgumentException with a message for the user when a value is unusable */
    public static BreakpointOptions from(Map<String, Object> raw) {
        return new BreakpointOptions(action(raw.get(ACTION)), maxHits(raw.get(MAX_HITS_PER_SECOND)));
    }

    private static Action action(Object value) {
        if (value == null) {
            return Action.LOG;
        }
        if (value instanceof String s) {
            for (Action a : Action.values()) {
                if (a.wireName().equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("\"" + ACTION + "\" must be \"log\" (an output line per hit, the "
                + "default), \"snapshot\" (stop for an instant to capture the stacks) or \"stop\" (stay stopped "
                + "until continue), not " + AttachArguments.describe(value));
    }

    private static int maxHits(Object value) {
        if (value == null) {
            return DEFAULT_MAX_HITS_PER_SECOND;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= 1 && d <= LIMIT_MAX_HITS_PER_SECOND) {
                return (int) d;
            }
        }
        throw new IllegalArgumentException("\"" + MAX_HITS_PER_SECOND + "\" must be a whole number from 1 to "
                + LIMIT_MAX_HITS_PER_SECOND + " (hits shown per breakpoint and second), not "
                + AttachArguments.describe(value));
    }
}
