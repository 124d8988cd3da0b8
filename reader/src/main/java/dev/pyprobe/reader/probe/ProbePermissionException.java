package dev.pyprobe.reader.probe;

/** The kernel refused a perf event or BPF program for lack of privilege. */
public class ProbePermissionException extends ProbeException {
    public static final String HOW_TO_FIX =
            "run pyprobe as root or with CAP_PERFMON and CAP_BPF, or lower /proc/sys/kernel/perf_event_paranoid "
                    + "(-1 allows everything; uprobes and breakpoints on other users' processes need privilege in any case)";

    public ProbePermissionException(String what, int errno) {
        super("permission denied opening " + what + ": " + HOW_TO_FIX, errno);
    }
}
