package dev.pyprobe.reader.probe.perf;

import dev.pyprobe.reader.probe.DebugRegistersExhaustedException;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.ProbePermissionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns the error number of a failed perf system call into an exception a user can act on. */
public final class PerfErrors {
    private PerfErrors() {
    }

    static ProbeException openFailure(int errno, String what, int tid, boolean breakpoint) {
        switch (errno) {
            case Kernel.EACCES:
            case Kernel.EPERM:
                return new ProbePermissionException(what + " (perf_event_paranoid is " + paranoid() + ")", errno);
            case Kernel.ENOSPC:
                return breakpoint ? new DebugRegistersExhaustedException(tid, errno)
                        : new ProbeException(what + ": no space left for this event (ENOSPC)", errno);
            case Kernel.ESRCH:
                return new ProbeException(what + ": thread " + tid + " does not exist (any more)", errno);
            case Kernel.ENOENT:
                return new ProbeException(what + ": the kernel does not know this event"
                        + " (file or offset not found, or this PMU is missing: ENOENT)", errno);
            case Kernel.EINVAL:
                return new ProbeException(what + ": the kernel rejected the event's attributes (EINVAL):"
                        + " unaligned or unsupported watch address/length, an offset that is not an instruction,"
                        + " or a semaphore offset that conflicts with an existing probe at the same place", errno);
            case Kernel.EMFILE:
                return new ProbeException(what + ": too many open files; raise the limit (ulimit -n)", errno);
            case Kernel.EOPNOTSUPP:
                return new ProbeException(what + ": not supported by this kernel or CPU (EOPNOTSUPP)", errno);
            default:
                return new ProbeException(what + " failed with " + Kernel.errnoName(errno), errno);
        }
    }

    static ProbeException callFailure(String call, int errno) {
        if (errno == Kernel.EACCES || errno == Kernel.EPERM) {
            return new ProbePermissionException(call, errno);
        }
        return new ProbeException(call + " failed with " + Kernel.errnoName(errno), errno);
    }

    /** The value of kernel.perf_event_paranoid, for messages ("unknown" if unreadable). */
    public static String paranoid() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
