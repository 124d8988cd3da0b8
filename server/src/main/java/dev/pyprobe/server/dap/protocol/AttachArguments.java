package dev.pyprobe.server.dap.protocol;

import java.util.Map;

/**
 * The {@code attach} arguments pyprobe understands, read from the raw map the client sent.
 *
 * @param processId     the target's PID; VS Code sends a number or, from a process picker, a string
 * @param freeze        stop the target (SIGSTOP) while a snapshot is read, for a consistent view
 * @param remoteSources the client does not share this machine's files: every frame's source is
 *                      served through {@code source} requests
 * @param breakpoints   what breakpoints do at a hit, and how many hits are shown
 * @param tasks         whether a pause shows asyncio tasks as threads, and how many at most
 */
public record AttachArguments(int processId, boolean freeze, boolean remoteSources, BreakpointOptions breakpoints,
                              TaskOptions tasks) {

    public static final String PROCESS_ID = "processId";
    public static final String FREEZE = "freeze";
    public static final String REMOTE_SOURCES = "remoteSources";

    /** @throws IllegalArgumentException with a message for the user when an argument is unusable */
    public static AttachArguments from(Map<String, Object> raw) {
        if (raw == null || !raw.containsKey(PROCESS_ID) || raw.get(PROCESS_ID) == null) {
            throw new IllegalArgumentException("attach needs \"processId\": the PID of the Python process to "
                    + "inspect (a number, e.g. \"processId\": 1234)");
        }
        return new AttachArguments(pid(raw.get(PROCESS_ID)), flag(raw, FREEZE), flag(raw, REMOTE_SOURCES),
                BreakpointOptions.from(raw), TaskOptions.from(raw));
    }

    private static int pid(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= 1 && d <= Integer.MAX_VALUE) {
                return (int) d;
            }
        } else if (value instanceof String s && s.trim().matches("[0-9]{1,10}")) {
            long pid = Long.parseLong(s.trim());
            if (pid >= 1 && pid <= Integer.MAX_VALUE) {
                return (int) pid;
            }
        }
        throw new IllegalArgumentException("\"processId\" must be a positive whole number (a PID), not "
                + describe(value));
    }

    private static boolean flag(Map<String, Object> raw, String name) {
        Object value = raw.get(name);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("\"" + name + "\" must be true or false, not " + describe(value));
    }

    static String describe(Object value) {
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
