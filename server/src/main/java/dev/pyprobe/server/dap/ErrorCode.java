package dev.pyprobe.server.dap;

/** The ids of the error messages pyprobe sends in DAP error responses, one per thing that went wrong. */
public enum ErrorCode {
    BAD_ARGUMENTS(1001),
    ATTACH_REFUSED(1002),
    NO_SUCH_PROCESS(1003),
    PERMISSION_DENIED(1004),
    NOT_PYTHON(1005),
    UNSUPPORTED_VERSION(1006),
    PROCESS_EXITED(1007),
    UNREADABLE(1008),
    NOT_ATTACHED(1009),
    NOT_PAUSED(1010),
    STALE_REFERENCE(1011),
    NOT_EVALUATED(1012),
    NO_SOURCE(1013),
    UNSUPPORTED_REQUEST(1014),
    CANNOT_STEP(1015),
    INTERNAL(1099);

    private final int id;

    ErrorCode(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }
}
