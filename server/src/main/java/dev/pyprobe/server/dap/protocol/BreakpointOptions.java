package dev.pyprobe.server.dap.protocol;

import dev.pyprobe.reader.python.trace.Mechanism;
import dev.pyprobe.reader.python.trace.TraceOptions;
import java.util.Locale;
import java.util.Map;

/**
 * How breakpoints behave in a session, from the {@code attach} arguments.
 *
 * @param action           what a breakpoint does at a hit
 * @param maxHitsPerSecond hits per breakpoint and second that are shown; the rest are counted
 * @param mechanism        the tracing mechanism to use (null: pyprobe chooses)
 * @param costBudget       share of one CPU that tracing every Python call may cost the target
 * @param acceptCost       keep tracepoints whatever they cost
 */
public record BreakpointOptions(Action action, int maxHitsPerSecond, Mechanism mechanism, double costBudget,
                                boolean acceptCost) {
    public static final String ACTION = "breakpointAction";
    public static final String MAX_HITS_PER_SECOND = "maxHitsPerSecond";
    public static final String MECHANISM = "tracingMechanism";
    public static final String COST_BUDGET = "tracingCostBudget";
    public static final String ACCEPT_COST = "acceptTracingCost";
    public static final int DEFAULT_MAX_HITS_PER_SECOND = 20;
    static final int LIMIT_MAX_HITS_PER_SECOND = 1_000_000;

    public static final BreakpointOptions DEFAULT = new BreakpointOptions(Action.LOG, DEFAULT_MAX_HITS_PER_SECOND, null,
            TraceOptions.DEFAULT_COST_BUDGET, false);

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
        return new BreakpointOptions(action(raw.get(ACTION)), maxHits(raw.get(MAX_HITS_PER_SECOND)),
                mechanism(raw.get(MECHANISM)), budget(raw.get(COST_BUDGET)), accept(raw.get(ACCEPT_COST)));
    }

    /** The tracer's options for one breakpoint of this session. */
    public TraceOptions traceOptions() {
        return TraceOptions.defaults().withMechanism(mechanism).withStopAtHit(action != Action.LOG)
                .withCostBudget(costBudget, acceptCost);
    }

    private static Mechanism mechanism(Object value) {
        if (value == null) {
            return null;
        }
        try {
            if (value instanceof String s) {
                return Mechanism.parse(s);
            }
        } catch (IllegalArgumentException e) {
            // the message below says what is allowed
        }
        throw new IllegalArgumentException("\"" + MECHANISM + "\" must be \"usdt\", \"watchpoint\" or \"uprobe\" "
                + "(leave it out to let pyprobe choose), not " + AttachArguments.describe(value));
    }

    private static double budget(Object value) {
        if (value == null) {
            return TraceOptions.DEFAULT_COST_BUDGET;
        }
        if (value instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 1) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("\"" + COST_BUDGET + "\" must be a share of one CPU above 0 and at most 1 "
                + "(0.05 is 5%), not " + AttachArguments.describe(value));
    }

    private static boolean accept(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("\"" + ACCEPT_COST + "\" must be true or false, not "
                + AttachArguments.describe(value));
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
