package dev.pyprobe.server.evaluate;

import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates expressions in one frame by reading the target's memory: the name among the frame's
 * locals, then its module's globals, then attributes and items. Locals and globals are read once
 * and reused for every expression evaluated with the same evaluator.
 */
public final class FrameEvaluator {
    private final ValueReads reads;
    private final PythonFrame frame;
    private List<NamedValue> locals;
    private List<NamedValue> globals;

    private FrameEvaluator(ValueReads reads, PythonFrame frame, List<NamedValue> locals) {
        this.reads = reads;
        this.frame = frame;
        this.locals = locals;
    }

    /** Reads the frame's locals from the target when first needed. */
    public static FrameEvaluator of(PythonTarget target, PythonFrame frame) {
        return of(ValueReads.live(target), frame);
    }

    /** Reads through {@code reads} (e.g. the values kept for a pause). */
    public static FrameEvaluator of(ValueReads reads, PythonFrame frame) {
        return new FrameEvaluator(reads, frame, null);
    }

    /** Uses locals read before (e.g. while the process was stopped at a hit). */
    public static FrameEvaluator withLocals(PythonTarget target, PythonFrame frame, List<NamedValue> locals) {
        return withLocals(ValueReads.live(target), frame, locals);
    }

    /** Uses locals read before, and {@code reads} for everything else. */
    public static FrameEvaluator withLocals(ValueReads reads, PythonFrame frame, List<NamedValue> locals) {
        return new FrameEvaluator(reads, frame, List.copyOf(locals));
    }

    public PythonFrame frame() {
        return frame;
    }

    /** @throws ExpressionException when a name, attribute or item does not exist (the message says which) */
    public PyValue evaluate(Expression expression) throws ExpressionException {
        PyValue value = lookUp(expression.name());
        StringBuilder reached = new StringBuilder(expression.name());
        for (Expression.Step step : expression.steps()) {
            value = apply(value, step, reached.toString());
            reached.append(step);
        }
        return value;
    }

    /** Whether {@code name} is a local of the frame or a global of its module. */
    public boolean defines(String name) {
        return find(name).isPresent();
    }

    private PyValue lookUp(String name) throws ExpressionException {
        return find(name).orElseThrow(() -> new ExpressionException("Name '" + name + "' is not defined "
                + "in " + frame.function() + " (neither a local nor a global of its module; builtins are not read)."));
    }

    private Optional<PyValue> find(String name) {
        if (locals == null) {
            locals = reads.locals(frame);
        }
        Optional<PyValue> local = find(locals, name);
        if (local.isPresent()) {
            return local;
        }
        if (globals == null) {
            globals = reads.globals(frame);
        }
        return find(globals, name);
    }

    private static Optional<PyValue> find(List<NamedValue> values, String name) {
        return values.stream().filter(v -> v.name().equals(name)).map(NamedValue::value).findFirst();
    }

    private PyValue apply(PyValue value, Expression.Step step, String reached) throws ExpressionException {
        if (step instanceof Expression.Attribute a) {
            Optional<PyValue> attribute = reads.attribute(value, a.name());
            if (attribute.isEmpty()) {
                throw new ExpressionException(reached + " (" + value.typeName() + ") has no attribute '" + a.name()
                        + "' in its instance dict; pyprobe does not run properties, __getattr__ or other descriptors.");
            }
            return attribute.get();
        }
        Expression.Item item = (Expression.Item) step;
        Optional<PyValue> found = reads.item(value, item.key());
        if (found.isEmpty()) {
            throw new ExpressionException(reached + " (" + value.typeName() + ") has no item [" + item.key().literal()
                    + "]" + (isSubscriptable(value) ? " (it has " + value.childCount() + ")."
                    : "; pyprobe reads items of lists, tuples and dicts only."));
        }
        return found.get();
    }

    private static boolean isSubscriptable(PyValue value) {
        return value.kind() == PyValue.Kind.LIST || value.kind() == PyValue.Kind.TUPLE
                || value.kind() == PyValue.Kind.DICT;
    }
}
