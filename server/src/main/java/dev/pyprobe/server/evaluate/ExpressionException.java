package dev.pyprobe.server.evaluate;

/** An expression pyprobe will not evaluate; the message says why and what is accepted instead. */
public class ExpressionException extends Exception {
    public ExpressionException(String message) {
        super(message);
    }
}
