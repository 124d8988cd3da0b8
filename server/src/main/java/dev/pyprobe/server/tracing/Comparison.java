package dev.pyprobe.server.tracing;

import dev.pyprobe.server.evaluate.ExpressionException;

/** Decides one comparison of two values the way Python would, where that needs no code in the target. */
final class Comparison {
    private Comparison() {
    }

    static boolean decide(Value a, Condition.Operator op, Value b, String condition) throws ExpressionException {
        if (op.identity()) {
            return identical(a, b, condition) == (op == Condition.Operator.IS);
        }
        if (op == Condition.Operator.EQ || op == Condition.Operator.NE) {
            return equal(a, b, condition) == (op == Condition.Operator.EQ);
        }
        int order = order(a, b, condition);
        if (order == UNORDERED) {
            return false; // nan: every ordering is False in Python
        }
        return switch (op) {
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            default -> order >= 0;
        };
    }

    private static final int UNORDERED = Integer.MIN_VALUE;

    private static boolean identical(Value a, Value b, String condition) throws ExpressionException {
        if (a.address() != 0 && b.address() != 0) {
            return a.address() == b.address();
        }
        Value literal = a.address() == 0 ? a : b;
        Value read = literal == a ? b : a;
        if (literal.kind() == Value.Kind.NONE) {
            return read.kind() == Value.Kind.NONE;
        }
        if (literal.kind() == Value.Kind.BOOL) {
            return read.kind() == Value.Kind.BOOL && read.real() == literal.real();
        }
        throw new ExpressionException("'" + condition + "': 'is' tests identity, which pyprobe decides only "
                + "against None, True, False or another value of the frame; compare " + literal.origin()
                + " with ==");
    }

    private static boolean equal(Value a, Value b, String condition) throws ExpressionException {
        if (a.kind() == Value.Kind.NONE || b.kind() == Value.Kind.NONE) {
            return a.kind() == b.kind();
        }
        if (a.numeric() && b.numeric()) {
            return compareNumbers(a, b) == 0;
        }
        if (a.textual() && b.textual()) {
            if (a.kind() != b.kind()) {
                return false;
            }
            requireWhole(a, condition);
            requireWhole(b, condition);
            return a.text().equals(b.text());
        }
        if (a.kind() == Value.Kind.OTHER || b.kind() == Value.Kind.OTHER) {
            if (a.address() != 0 && a.address() == b.address()) {
                return true;
            }
            Value other = a.kind() == Value.Kind.OTHER ? a : b;
            throw new ExpressionException("'" + condition + "': comparing " + other.origin() + " with == would "
                    + "call its __eq__, that is run code in the target, which pyprobe never does; compare one of "
                    + "its attributes, or test identity with 'is'");
        }
        return false; // a number and a string: never equal in Python
    }

    private static int order(Value a, Value b, String condition) throws ExpressionException {
        if (a.numeric() && b.numeric()) {
            return compareNumbers(a, b);
        }
        if (a.textual() && a.kind() == b.kind()) {
            requireWhole(a, condition);
            requireWhole(b, condition);
            return Integer.signum(compareCodePoints(a.text(), b.text()));
        }
        throw new ExpressionException("'" + condition + "': " + a.origin() + " and " + b.origin() + " cannot be "
                + "ordered without running code in the target; pyprobe orders numbers with numbers and strings "
                + "with strings");
    }

    private static int compareNumbers(Value a, Value b) {
        if (Double.isNaN(a.real()) || Double.isNaN(b.real())) {
            return UNORDERED;
        }
        if (a.number() != null && b.number() != null) {
            return a.number().compareTo(b.number());
        }
        return Double.compare(a.real(), b.real());
    }

    /** Python orders strings by code point; Java's compareTo orders by UTF-16 unit. */
    private static int compareCodePoints(String x, String y) {
        int[] a = x.codePoints().toArray();
        int[] b = y.codePoints().toArray();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static void requireWhole(Value v, String condition) throws ExpressionException {
        if (v.truncated()) {
            throw new ExpressionException("'" + condition + "': " + v.origin() + " is longer than pyprobe reads, "
                    + "so it cannot be compared whole");
        }
    }
}
