package dev.pyprobe.server.tracing;

import dev.pyprobe.server.evaluate.Expression;
import dev.pyprobe.server.evaluate.ExpressionException;
import dev.pyprobe.server.evaluate.ExpressionParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A log point's message: text with {@code {expression}} parts ({@code {name}}, {@code {obj.attr}},
 * {@code {d['key']}}) replaced by values read from the hitting frame; {@code {{} and {@code }}}
 * stand for literal braces.
 */
public final class LogMessage {
    private final String template;
    private final List<Object> parts;

    private LogMessage(String template, List<Object> parts) {
        this.template = template;
        this.parts = List.copyOf(parts);
    }

    /** @throws HitRuleException when a brace is unmatched or an expression is not one pyprobe reads */
    public static LogMessage parse(String template) {
        List<Object> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                if (!template.startsWith("}}", i)) {
                    throw new HitRuleException("Log message has a '}' at column " + (i + 1) + " without "
                            + "its '{' (write '}}' for a brace).");
                }
                text.append('}');
                i += 2;
            } else if (c == '{' && template.startsWith("{{", i)) {
                text.append('{');
                i += 2;
            } else if (c == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw new HitRuleException("Log message has a '{' at column " + (i + 1) + " that is "
                            + "not closed (write '{{' for a brace).");
                }
                if (text.length() > 0) {
                    parts.add(text.toString());
                    text.setLength(0);
                }
                String inside = template.substring(i + 1, close);
                try {
                    parts.add(ExpressionParser.parse(inside));
                } catch (ExpressionException e) {
                    throw new HitRuleException("Log message part {" + inside + "}: " + e.getMessage());
                }
                i = close + 1;
            } else {
                text.append(c);
                i++;
            }
        }
        if (text.length() > 0) {
            parts.add(text.toString());
        }
        return new LogMessage(template, parts);
    }

    /** Whether the message reads anything from the frame. */
    public boolean readsFrame() {
        return parts.stream().anyMatch(p -> p instanceof Expression);
    }

    /** How one expression is shown: its value, or why it has none. */
    @FunctionalInterface
    public interface Values {
        String show(Expression expression);
    }

    public String render(Values values) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            out.append(part instanceof Expression e ? values.show(e) : (String) part);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return template;
    }
}
