package dev.pyprobe.server.dap.protocol;

import java.util.Map;

/**
 * Which asyncio tasks a pause shows as threads of their own, from the {@code attach} arguments.
 * Reading them adds to every pause (and to the freeze, when the process is frozen for it): a
 * process with very many tasks is better looked at without them, or with fewer.
 *
 * @param shown whether tasks are read at each pause at all
 * @param max   the most task threads shown; the rest are counted in one entry after them
 */
public record TaskOptions(boolean shown, int max) {
    public static final String SHOWN = "asyncioTasks";
    public static final String MAX = "maxTasks";
    public static final int DEFAULT_MAX = 1000;
    /** Past this a Call Stack is unusable anyway, and every task costs reads at each pause. */
    static final int LIMIT_MAX = 1_000_000;

    /** @throws IllegalArgumentException with a message for the user when a value is unusable */
    public static TaskOptions from(Map<String, Object> raw) {
        return new TaskOptions(shown(raw.get(SHOWN)), max(raw.get(MAX)));
    }

    private static boolean shown(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("\"" + SHOWN + "\" must be true or false (show each pending asyncio task "
                + "as a thread while paused), not " + AttachArguments.describe(value));
    }

    private static int max(Object value) {
        if (value == null) {
            return DEFAULT_MAX;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= 1 && d <= LIMIT_MAX) {
                return (int) d;
            }
        }
        throw new IllegalArgumentException("\"" + MAX + "\" must be a whole number from 1 to " + LIMIT_MAX
                + " (asyncio tasks shown as threads at a pause), not " + AttachArguments.describe(value));
    }
}
