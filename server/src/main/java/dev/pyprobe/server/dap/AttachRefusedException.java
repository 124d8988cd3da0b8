package dev.pyprobe.server.dap;

/** An attach refused by an {@link AttachGuard}; the message is shown to the client as it is. */
public class AttachRefusedException extends Exception {
    public AttachRefusedException(String message) {
        super(message);
    }
}
