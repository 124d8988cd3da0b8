package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.ErrorCode;
import dev.pyprobe.server.evaluate.Expression;
import dev.pyprobe.server.evaluate.ExpressionException;
import dev.pyprobe.server.evaluate.ExpressionParser;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateArgumentsContext;
import org.eclipse.lsp4j.debug.EvaluateResponse;

/**
 * {@code evaluate}: names, attributes and items read from the snapshot (Debug Console, Watch,
 * hover, Copy Value), each through the values kept for the pause. Nothing is ever executed in the
 * target; anything that would need that is refused with the reason. For Copy Value (context
 * {@code clipboard}) the result is the whole value, not the text cut at display limits.
 */
public final class EvaluateHandler {
    private final DebugSession session;
    private final VariableFactory variables;
    private final EvaluationScope scope;

    public EvaluateHandler(DebugSession session) {
        this.session = session;
        this.variables = new VariableFactory(session.containers());
        this.scope = new EvaluationScope(session);
    }

    public EvaluateResponse evaluate(EvaluateArguments args) {
        Expression expression;
        EvaluationScope.Where where;
        PyValue value;
        try {
            expression = ExpressionParser.parse(args.getExpression());
            where = scope.of(args.getFrameId(), expression.name());
            value = where.evaluator().evaluate(expression);
        } catch (ExpressionException e) {
            throw new DapException(ErrorCode.NOT_EVALUATED, e.getMessage());
        }
        EvaluateResponse response = variables.evaluateResponse(value, expression.toString(), where.reads());
        if (EvaluateArgumentsContext.CLIPBOARD.equals(args.getContext())) {
            response.setResult(where.reads().wholeText(value));
        }
        return response;
    }
}
