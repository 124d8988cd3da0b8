package dev.pyprobe.reader.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells whether a thread of another process ran none of its own code through a stretch of time,
 * from two things the kernel publishes under {@code /proc/PID/task/TID}:
 * <ul>
 * <li>{@code wchan} names where a task waits only while it is blocked and off every run queue
 * (the kernel gives "0" for a task that runs or could run);
 * <li>the third field of {@code schedstat} counts the times the task was switched in.
 * </ul>
 * Blocked at the start, and not switched in since, the thread stood still in between: memory that
 * only it writes (a Python thread's frames) was read as it was at one moment, however many
 * system calls the read took. A thread that runs, or waits for a CPU, cannot be vouched for.
 *
 * <p>The count is read before {@code wchan}: a thread that ran and blocked between the two was
 * switched in before the count was read, so an unchanged count still covers everything after
 * {@code wchan} was read. Without the files (a kernel without CONFIG_SCHED_INFO, a thread gone)
 * nothing is vouched for.
 */
public final class OffCpuWitness {
    private final Path tasks;

    public OffCpuWitness(int pid) {
        this.tasks = Path.of("/proc", Integer.toString(pid), "task");
    }

    /** A blocked thread, as the count of its switch-ins stood before it was seen blocked. */
    public record Blocked(int tid, long switchIns) {
    }

    /** The thread if it is blocked now, to check with {@link #stillBlocked}; null if not (or unknown). */
    public Blocked blockedNow(int tid) {
        if (tid <= 0) {
            return null;
        }
        long switchIns = switchIns(tid);
        if (switchIns < 0 || !waiting(tid)) {
            return null;
        }
        return new Blocked(tid, switchIns);
    }

    /** Whether the thread has not been switched in since {@code blocked} was seen: it ran nothing in between. */
    public boolean stillBlocked(Blocked blocked) {
        return switchIns(blocked.tid()) == blocked.switchIns();
    }

    /** The third field of schedstat, or -1 when it cannot be read. */
    private long switchIns(int tid) {
        String[] fields = read(tid, "schedstat").trim().split(" ");
        if (fields.length < 3) {
            return -1;
        }
        try {
            return Long.parseLong(fields[2]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private boolean waiting(int tid) {
        String wchan = read(tid, "wchan").trim();
        return !wchan.isEmpty() && !wchan.equals("0");
    }

    private String read(int tid, String file) {
        try {
            return new String(Files.readAllBytes(tasks.resolve(Integer.toString(tid)).resolve(file)),
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }
}
