package dev.pyprobe.server.tracing;

import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.server.evaluate.Expression;
import dev.pyprobe.server.evaluate.ExpressionException;
import dev.pyprobe.server.evaluate.ExpressionParser;
import dev.pyprobe.server.evaluate.FrameEvaluator;
import java.util.List;

/**
 * A breakpoint's {@code condition}: one comparison of values read from the hitting frame, such as
 * {@code x > 3}, {@code name == 'abc'} or {@code obj.attr != None}. Each side is a literal (number,
 * string, None, True, False) or a name with attributes and items. Numbers, strings, bytes and
 * bools are compared by value and anything else only by identity ({@code is}, {@code == None}):
 * comparing other objects would call their {@code __eq__} or {@code __lt__}, that is run code.
 */
public final class Condition {
    static final String ACCEPTED = "a condition is one comparison of values read from memory, e.g. x > 3, "
            + "name == 'abc', obj.attr != None, flag is True (operators == != < <= > >= is, is not)";

    /** A comparison operator, longest spellings first so that {@code <=} is not read as {@code <}. */
    enum Operator {
        IS_NOT("is not"), IS("is"), EQ("=="), NE("!="), LE("<="), GE(">="), LT("<"), GT(">");

        final String text;

        Operator(String text) {
            this.text = text;
        }

        boolean identity() {
            return this == IS || this == IS_NOT;
        }

        boolean ordering() {
            return this == LT || this == LE || this == GT || this == GE;
        }
    }

    private final String text;
    private final Operand left;
    private final Operator operator;
    private final Operand right;

    private Condition(String text, Operand left, Operator operator, Operand right) {
        this.text = text;
        this.left = left;
        this.operator = operator;
        this.right = right;
    }

    /** @throws HitRuleException when the text is not one comparison pyprobe can decide from memory */
    public static Condition parse(String text) {
        if (text.length() > ExpressionParser.MAX_LENGTH) {
            throw new HitRuleException("Condition longer than " + ExpressionParser.MAX_LENGTH
                    + " characters: " + ACCEPTED + ".");
        }
        List<OperatorAt> operators = ConditionScanner.operators(text);
        if (operators.isEmpty()) {
            throw new HitRuleException("Condition '" + text + "' compares nothing: " + ACCEPTED + ".");
        }
        if (operators.size() > 1) {
            throw new HitRuleException("Condition '" + text + "' has more than one comparison ('"
                    + operators.get(1).operator().text + "' too): " + ACCEPTED + ".");
        }
        OperatorAt at = operators.get(0);
        Operand left = operand(text, text.substring(0, at.start()));
        Operand right = operand(text, text.substring(at.end()));
        if (left instanceof Literal && right instanceof Literal) {
            throw new HitRuleException("Condition '" + text + "' compares two constants; name a value "
                    + "of the frame: " + ACCEPTED + ".");
        }
        return new Condition(text, left, at.operator(), right);
    }

    private static Operand operand(String condition, String side) {
        String trimmed = side.trim();
        if (trimmed.isEmpty()) {
            throw new HitRuleException("Condition '" + condition + "' lacks a side of its comparison: "
                    + ACCEPTED + ".");
        }
        Value literal = Literals.parse(trimmed);
        if (literal != null) {
            return new Literal(literal);
        }
        try {
            return new Read(ExpressionParser.parse(trimmed));
        } catch (ExpressionException e) {
            throw new HitRuleException("Condition '" + condition + "': " + e.getMessage());
        }
    }

    /**
     * Decides the condition in a frame.
     *
     * @throws ExpressionException when it cannot be decided there (a missing name, values that can only be
     *                             compared by running code); the message says which
     */
    public boolean test(Reader frame) throws ExpressionException {
        Value a = left.value(frame);
        Value b = right.value(frame);
        return Comparison.decide(a, operator, b, text);
    }

    /** The condition as the client wrote it. */
    @Override
    public String toString() {
        return text;
    }

    /** Reads the value of an expression in the hitting frame ({@link FrameEvaluator#evaluate}). */
    @FunctionalInterface
    public interface Reader {
        PyValue evaluate(Expression expression) throws ExpressionException;
    }

    /** One side of the comparison. */
    sealed interface Operand permits Literal, Read {
        Value value(Reader frame) throws ExpressionException;
    }

    record Literal(Value value) implements Operand {
        @Override
        public Value value(Reader frame) {
            return value;
        }
    }

    record Read(Expression expression) implements Operand {
        @Override
        public Value value(Reader frame) throws ExpressionException {
            PyValue v = frame.evaluate(expression);
            return Value.of(expression.toString(), v);
        }
    }

    /** Where an operator was found in the condition's text. */
    record OperatorAt(Operator operator, int start, int end) {
    }
}
