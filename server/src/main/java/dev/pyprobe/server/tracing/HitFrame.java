package dev.pyprobe.server.tracing;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.server.evaluate.ExpressionException;
import dev.pyprobe.server.evaluate.FrameEvaluator;
import java.util.Optional;

/**
 * The hitting thread's frame as read after a hit: an evaluator over it, or why there is none
 * (the process runs on, so the function may have returned before the frame was read). It answers
 * a hit's condition and renders its log message, the same way for every client.
 */
public record HitFrame(FrameEvaluator evaluator, String goneReason) {
    /** What a log message shows for values of a frame that is gone. */
    public static final String GONE = "<frame gone>";

    public static HitFrame of(FrameEvaluator evaluator) {
        return new HitFrame(evaluator, null);
    }

    public static HitFrame gone(String reason) {
        return new HitFrame(null, reason);
    }

    public boolean isGone() {
        return evaluator == null;
    }

    /**
     * Whether {@code condition} holds here: true or false, or empty with {@code undecided} told why
     * when it cannot be known (the frame is gone, a name is missing, a value changed while read).
     */
    public Optional<Boolean> test(Condition condition, java.util.function.Consumer<String> undecided) {
        if (isGone()) {
            undecided.accept(goneReason);
            return Optional.empty();
        }
        try {
            return Optional.of(condition.test(evaluator::evaluate));
        } catch (ExpressionException e) {
            undecided.accept(e.getMessage());
        } catch (ProcessExitedException e) {
            throw e;
        } catch (ReaderException e) {
            undecided.accept("a value changed while it was read: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The log message with each {@code {expression}} read here; what cannot be read says why in its place. */
    public String render(LogMessage message) {
        return message.render(e -> {
            if (isGone()) {
                return GONE;
            }
            try {
                return evaluator.evaluate(e).text();
            } catch (ExpressionException x) {
                return "<" + x.getMessage() + ">";
            } catch (ProcessExitedException x) {
                throw x;
            } catch (ReaderException x) {
                return "<unreadable: " + x.getMessage() + ">";
            }
        });
    }
}
