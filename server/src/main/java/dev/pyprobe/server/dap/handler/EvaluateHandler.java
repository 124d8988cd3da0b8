package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.ErrorCode;
import dev.pyprobe.server.dap.evaluate.Expression;
import dev.pyprobe.server.dap.evaluate.ExpressionException;
import dev.pyprobe.server.dap.evaluate.ExpressionParser;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;

/**
 * {@code evaluate}: names, attributes and items read from the snapshot's frame. Nothing is ever
 * executed in the target; anything that would need that is refused with the reason.
 */
public final class EvaluateHandler {
    private final DebugSession session;
    private final Variables variables;

    public EvaluateHandler(DebugSession session) {
        this.session = session;
        this.variables = new Variables(session.containers());
    }

    public EvaluateResponse evaluate(EvaluateArguments args) {
        Expression expression;
        try {
            expression = ExpressionParser.parse(args.getExpression());
        } catch (ExpressionException e) {
            throw new DapException(ErrorCode.NOT_EVALUATED, e.getMessage());
        }
        if (args.getFrameId() == null) {
            session.paused();
            throw new DapException(ErrorCode.NOT_PAUSED, "Select a frame of the snapshot to evaluate '"
                    + expression + "' in.");
        }
        PythonFrame frame = VariablesHandler.frame(session, args.getFrameId()).frame();
        PythonTarget target = session.attachment().target();
        PyValue value = lookUp(target, frame, expression.name());
        StringBuilder reached = new StringBuilder(expression.name());
        for (Expression.Step step : expression.steps()) {
            value = apply(target, value, step, reached.toString());
            reached.append(step);
        }
        return variables.evaluateResponse(value, expression.toString());
    }

    private static PyValue lookUp(PythonTarget target, PythonFrame frame, String name) {
        return find(target.locals(frame), name)
                .or(() -> find(target.globals(frame), name))
                .orElseThrow(() -> new DapException(ErrorCode.NOT_EVALUATED, "Name '" + name + "' is not defined "
                        + "in " + frame.function() + " (neither a local nor a global of its module; builtins are "
                        + "not read)."));
    }

    private static Optional<PyValue> find(List<NamedValue> values, String name) {
        return values.stream().filter(v -> v.name().equals(name)).map(NamedValue::value).findFirst();
    }

    private static PyValue apply(PythonTarget target, PyValue value, Expression.Step step, String reached) {
        if (step instanceof Expression.Attribute a) {
            return target.attribute(value, a.name()).orElseThrow(() -> new DapException(ErrorCode.NOT_EVALUATED,
                    reached + " (" + value.typeName() + ") has no attribute '" + a.name() + "' in its instance "
                    + "dict; pyprobe does not run properties, __getattr__ or other descriptors."));
        }
        Expression.Item item = (Expression.Item) step;
        return target.item(value, item.key().literal()).orElseThrow(() -> new DapException(ErrorCode.NOT_EVALUATED,
                reached + " (" + value.typeName() + ") has no item [" + item.key().literal() + "]"
                + (isSubscriptable(value) ? " (it has " + value.childCount() + ")."
                : "; pyprobe reads items of lists, tuples and dicts only.")));
    }

    private static boolean isSubscriptable(PyValue value) {
        return value.kind() == PyValue.Kind.LIST || value.kind() == PyValue.Kind.TUPLE
                || value.kind() == PyValue.Kind.DICT;
    }
}
