package dev.pyprobe.server.tracing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A breakpoint's {@code hitCondition}: which of its hits (counted from 1, after its condition)
 * are shown. {@code >= N} and a bare {@code N} (as VS Code means it): from the N-th on;
 * {@code == N}: only the N-th; {@code % N}: every N-th.
 */
public final class HitCondition {
    static final String ACCEPTED = "a hit condition is '>= N' (from the N-th hit on, also written 'N'), "
            + "'== N' (only the N-th hit) or '% N' (every N-th hit), N a whole number";
    private static final Pattern FORM = Pattern.compile("\\s*(>=|==|%)?\\s*([0-9]{1,18})\\s*");
    private static final HitCondition EVERY_HIT = new HitCondition(">=", 1);

    private final String operator;
    private final long n;

    private HitCondition(String operator, long n) {
        this.operator = operator;
        this.n = n;
    }

    /** Every hit (no hit condition). */
    public static HitCondition everyHit() {
        return EVERY_HIT;
    }

    /** @throws HitRuleException when the text is none of the accepted forms */
    public static HitCondition parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERY_HIT;
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new HitRuleException("Hit condition '" + text + "' is not understood: " + ACCEPTED + ".");
        }
        String operator = m.group(1) == null ? ">=" : m.group(1);
        long n = Long.parseLong(m.group(2));
        if (operator.equals("%") && n == 0) {
            throw new HitRuleException("Hit condition '" + text + "': '% 0' has no meaning; " + ACCEPTED + ".");
        }
        return new HitCondition(operator, n);
    }

    /** Whether the {@code count}-th hit (from 1) is shown. */
    public boolean test(long count) {
        return switch (operator) {
            case "==" -> count == n;
            case "%" -> count % n == 0;
            default -> count >= n;
        };
    }

    @Override
    public String toString() {
        return operator + " " + n;
    }
}
