package dev.pyprobe.reader.probe.bpf;

import com.sun.jna.Memory;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.ProbePermissionException;
import dev.pyprobe.reader.probe.perf.Kernel;
import dev.pyprobe.reader.probe.perf.PerfEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A BPF program loaded into the kernel (bpf(BPF_PROG_LOAD)), to attach to perf events. Its
 * instructions come from {@link BpfAssembler}. GPL, because {@code bpf_probe_read_user} and
 * {@code bpf_send_signal_thread} are offered to GPL-compatible programs only.
 */
public final class BpfProgram implements AutoCloseable {
    /** Program types (enum bpf_prog_type). */
    public static final int TYPE_KPROBE = 2; // also the type for uprobes
    public static final int TYPE_PERF_EVENT = 7; // breakpoints and other perf events

    private static final int BPF_PROG_LOAD = 5;
    private static final int ATTR_SIZE = 144;
    /** Room for the log of a long program, whose end says why it was refused (allocated only then). */
    private static final int LOG_SIZE = 16 * 1024 * 1024;

    private final int fd;
    private final String name;
    private boolean closed;

    private BpfProgram(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /**
     * Loads a GPL program of the given type from its instructions ({@link BpfAssembler#assemble()});
     * on failure the verifier's log is in the message.
     */
    public static BpfProgram load(int type, String name, byte[] code) {
        // Without a log first: a long program's log (every branch the verifier walks) can outgrow
        // any buffer, and then the kernel refuses the program for that alone (ENOSPC).
        int fd = tryLoad(type, name, code, null);
        if (fd >= 0) {
            return new BpfProgram(fd, name);
        }
        int firstErrno = Kernel.errno();
        try (Memory log = new Memory(LOG_SIZE)) {
            log.clear();
            fd = tryLoad(type, name, code, log);
            if (fd >= 0) {
                return new BpfProgram(fd, name); // refused once, then taken: take it
            }
            // ENOSPC here is the log's overflow, not the reason: the first refusal's error is.
            int errno = Kernel.errno() == Kernel.ENOSPC ? firstErrno : Kernel.errno();
            String verifier = log.getString(0).trim();
            if (errno == Kernel.EPERM || errno == Kernel.EACCES && verifier.isEmpty()) {
                throw new ProbePermissionException("BPF program " + name + " (needs CAP_BPF and CAP_PERFMON)", errno);
            }
            throw new ProbeException("the kernel refused BPF program " + name + " with " + Kernel.errnoName(errno)
                    + (verifier.isEmpty() ? "" : "; verifier: " + lastLines(verifier)), errno);
        }
    }

    /** bpf(BPF_PROG_LOAD): the program's descriptor, or -1 with errno set; {@code log} gets the verifier's log. */
    private static int tryLoad(int type, String name, byte[] code, Memory log) {
        int count = code.length / 8;
        try (Memory insns = new Memory(code.length); Memory license = new Memory(4); Memory attr = new Memory(ATTR_SIZE)) {
            insns.write(0, code, 0, code.length);
            license.write(0, "GPL\0".getBytes(StandardCharsets.US_ASCII), 0, 4);
            attr.clear();
            attr.setInt(0, type);
            attr.setInt(4, count);
            attr.setLong(8, Memory.nativeValue(insns));
            attr.setLong(16, Memory.nativeValue(license));
            if (log != null) {
                attr.setInt(24, 1); // log_level
                attr.setInt(28, LOG_SIZE);
                attr.setLong(32, Memory.nativeValue(log));
            }
            byte[] shortName = name.getBytes(StandardCharsets.US_ASCII);
            attr.write(48, shortName, 0, Math.min(15, shortName.length)); // prog_name[16]
            return (int) Kernel.syscall(Kernel.SYS_BPF, BPF_PROG_LOAD, Memory.nativeValue(attr), ATTR_SIZE, 0, 0);
        }
    }

    /** The end of a verifier log, where it says why it stopped. */
    private static String lastLines(String log) {
        String[] lines = log.split("\n");
        return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 12), lines.length));
    }

    /**
     * Makes {@code program} run at each hit of {@code event} (nothing to do when it is null) and
     * returns the event; closes the event if the kernel refuses, so no half-set probe remains.
     */
    public static PerfEvent runAt(PerfEvent event, BpfProgram program) {
        if (program != null) {
            try {
                event.attachBpf(program.fd());
            } catch (RuntimeException e) {
                event.close();
                throw e;
            }
        }
        return event;
    }

    public int fd() {
        return fd;
    }

    public String name() {
        return name;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Kernel.close(fd);
        }
    }
}
