package dev.pyprobe.server.tracing;

import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.server.evaluate.ExpressionException;
import java.math.BigDecimal;

/**
 * One side of a condition, as far as pyprobe compares it: numbers (ints, floats, bools) by value,
 * str and bytes by content, None, and anything else by identity only.
 *
 * @param kind      what sort of value
 * @param number    a finite number's exact value (null for inf, nan and non-numbers)
 * @param real      the number as a double (also for inf and nan)
 * @param text      the content of a str or bytes, decoded from its repr
 * @param truncated the str or bytes was longer than the reader reads: its content is a prefix
 * @param address   the object read from the target, 0 for a literal
 * @param origin    how the condition wrote it, for messages
 */
record Value(Kind kind, BigDecimal number, double real, String text, boolean truncated, long address, String origin) {

    enum Kind { NUMBER, BOOL, STR, BYTES, NONE, OTHER }

    static Value number(BigDecimal exact, String origin, long address) {
        return new Value(Kind.NUMBER, exact, exact.doubleValue(), null, false, address, origin);
    }

    static Value special(double real, String origin, long address) {
        return new Value(Kind.NUMBER, null, real, null, false, address, origin);
    }

    static Value bool(boolean b, String origin, long address) {
        return new Value(Kind.BOOL, b ? BigDecimal.ONE : BigDecimal.ZERO, b ? 1 : 0, null, false, address, origin);
    }

    static Value text(Kind kind, String content, boolean truncated, String origin, long address) {
        return new Value(kind, null, 0, content, truncated, address, origin);
    }

    static Value none(String origin, long address) {
        return new Value(Kind.NONE, null, 0, null, false, address, origin);
    }

    /** A value read from the target, from its rendering. */
    static Value of(String expression, PyValue v) throws ExpressionException {
        String shown = expression + " (" + v.typeName() + ")";
        switch (v.kind()) {
            case NONE:
                return none(shown, v.address());
            case BOOL:
                return bool(v.text().equals("True"), shown, v.address());
            case INT: {
                String digits = v.text().endsWith("L") ? v.text().substring(0, v.text().length() - 1) : v.text();
                return number(new BigDecimal(digits), shown, v.address());
            }
            case FLOAT:
                return Literals.floatValue(v.text(), shown, v.address());
            case STR:
            case BYTES: {
                String repr = v.text();
                boolean truncated = repr.endsWith("...") && !Literals.isCompleteRepr(repr);
                if (truncated) {
                    repr = repr.substring(0, repr.length() - 3);
                }
                boolean bytes = v.kind() == PyValue.Kind.BYTES && repr.startsWith("b");
                return text(bytes ? Kind.BYTES : Kind.STR, Literals.decodeRepr(repr), truncated, shown, v.address());
            }
            case UNREADABLE:
                throw new ExpressionException(shown + " could not be read: " + v.text());
            default:
                return new Value(Kind.OTHER, null, 0, null, false, v.address(), shown);
        }
    }

    boolean numeric() {
        return kind == Kind.NUMBER || kind == Kind.BOOL;
    }

    boolean textual() {
        return kind == Kind.STR || kind == Kind.BYTES;
    }
}
