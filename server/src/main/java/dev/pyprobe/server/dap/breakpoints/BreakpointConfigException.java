package dev.pyprobe.server.dap.breakpoints;

/** A breakpoint that cannot be set as asked; the message tells the user why and what works. */
public class BreakpointConfigException extends RuntimeException {
    public BreakpointConfigException(String message) {
        super(message);
    }
}
