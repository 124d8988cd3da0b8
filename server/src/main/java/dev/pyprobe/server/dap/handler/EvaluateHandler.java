package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.ErrorCode;
import dev.pyprobe.server.evaluate.Expression;
import dev.pyprobe.server.evaluate.ExpressionException;
import dev.pyprobe.server.evaluate.ExpressionParser;
import dev.pyprobe.server.evaluate.FrameEvaluator;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;

/**
 * {@code evaluate}: names, attributes and items read from the snapshot's frame. Nothing is ever
 * executed in the target; anything that would need that is refused with the reason.
 */
public final class EvaluateHandler {
    private final DebugSession session;
    private final VariableFactory variables;

    public EvaluateHandler(DebugSession session) {
        this.session = session;
        this.variables = new VariableFactory(session.containers());
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
        try {
            FrameEvaluator evaluator = session.attachment().breakpoints().captures().localsOf(frame)
                    .map(locals -> FrameEvaluator.withLocals(target, frame, locals))
                    .orElseGet(() -> FrameEvaluator.of(target, frame));
            return variables.evaluateResponse(evaluator.evaluate(expression), expression.toString());
        } catch (ExpressionException e) {
            throw new DapException(ErrorCode.NOT_EVALUATED, e.getMessage());
        }
    }
}
