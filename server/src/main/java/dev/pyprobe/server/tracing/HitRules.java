package dev.pyprobe.server.tracing;

/**
 * What the client asked of one breakpoint besides where it is, checked when it is set.
 *
 * @param condition    shown only when this holds in the hitting frame; null for every hit
 * @param hitCondition which of the hits that pass the condition are shown
 * @param logMessage   the text shown per hit; null for pyprobe's default line
 */
public record HitRules(Condition condition, HitCondition hitCondition, LogMessage logMessage) {

    /** @throws HitRuleException with the reason when one of them cannot be honoured */
    public static HitRules parse(String condition, String hitCondition, String logMessage) {
        return new HitRules(
                condition == null || condition.isBlank() ? null : Condition.parse(condition.trim()),
                HitCondition.parse(hitCondition),
                logMessage == null || logMessage.isEmpty() ? null : LogMessage.parse(logMessage));
    }

    /** Whether showing a hit needs values of its frame. */
    public boolean readsFrame() {
        return condition != null || logMessage != null && logMessage.readsFrame();
    }
}
