package dev.pyprobe.server.dap;

/** A request that cannot be answered; its message is shown to the user as it is. */
public class DapException extends RuntimeException {
    private final ErrorCode code;

    public DapException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
