package dev.pyprobe.reader;

/** The kernel refused access to the target's memory or files. */
public class PermissionDeniedException extends ReaderException {
    public static final String HOW_TO_FIX =
            "run pyprobe as root or as the target's user with ptrace rights: check "
                    + "/proc/sys/kernel/yama/ptrace_scope (0 or 1 with the same user), and in a container "
                    + "add the SYS_PTRACE capability (docker run --cap-add=SYS_PTRACE) and share the PID namespace";

    public PermissionDeniedException(int pid, String what) {
        super("permission denied reading " + what + " of process " + pid + ": " + HOW_TO_FIX);
    }
}
