package dev.pyprobe.server.dap.breakpoints;

/**
 * What the client asked of one breakpoint besides where it is, checked when it is set.
 *
 * @param condition    shown only when this holds in the hitting frame; null for every hit
 * @param hitCondition which of the hits that pass the condition are shown
 * @param logMessage   the text shown per hit; null for pyprobe's default line
 */
public record BreakpointSettings(Condition condition, HitCondition hitCondition, LogMessage logMessage) {

    /** @throws BreakpointConfigException with the reason when one of them cannot be honoured */
    public static BreakpointSettings parse(String condition, String hitCondition, String logMessage) {
        return new BreakpointSettings(
                condition == null || condition.isBlank() ? null : Condition.parse(condition.trim()),
                HitCondition.parse(hitCondition),
                logMessage == null || logMessage.isEmpty() ? null : LogMessage.parse(logMessage));
    }

    /** Whether showing a hit needs values of its frame. */
    boolean readsFrame() {
        return condition != null || logMessage != null && logMessage.readsFrame();
    }
}
