package dev.pyprobe.server.evaluate;

import java.util.List;

/**
 * What {@code evaluate} accepts: a name followed by attribute and item accesses, e.g.
 * {@code self.items[3]['key']}. Each step is a read of the target's memory; nothing is called.
 */
public record Expression(String name, List<Step> steps) {

    public Expression {
        steps = List.copyOf(steps);
    }

    /** One access after the name. */
    public sealed interface Step permits Attribute, Item {
    }

    /** {@code .name}, read from the object's instance dict. */
    public record Attribute(String name) implements Step {
        @Override
        public String toString() {
            return "." + name;
        }
    }

    /** {@code [key]} on a list, tuple or dict. */
    public record Item(Key key) implements Step {
        @Override
        public String toString() {
            return "[" + key.literal() + "]";
        }
    }

    /** An item key: an int or a str literal. */
    public sealed interface Key permits IntKey, StrKey {
        /** The key as Python source text. */
        String literal();
    }

    public record IntKey(long value) implements Key {
        @Override
        public String literal() {
            return Long.toString(value);
        }
    }

    public record StrKey(String value) implements Key {
        @Override
        public String literal() {
            StringBuilder out = new StringBuilder("'");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\'' -> out.append("\\'");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(c);
                }
            }
            return out.append('\'').toString();
        }
    }

    /** The expression in canonical Python form. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name);
        steps.forEach(out::append);
        return out.toString();
    }
}
