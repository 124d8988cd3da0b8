package dev.pyprobe.server.tracing;

/** A breakpoint that cannot be set as asked; the message tells the user why and what works. */
public class HitRuleException extends RuntimeException {
    public HitRuleException(String message) {
        super(message);
    }
}
