package dev.pyprobe.reader.probe.bpf;

import com.sun.jna.Memory;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.ProbePermissionException;
import dev.pyprobe.reader.probe.perf.Kernel;
import dev.pyprobe.reader.probe.perf.PerfEvent;
import java.nio.charset.StandardCharsets;

/**
 * A BPF program loaded into the kernel (bpf(BPF_PROG_LOAD)), to attach to perf events. The
 * instructions are assembled here from the encoding of include/uapi/linux/bpf.h: 8 bytes each,
 * {@code u8 code; u8 dst_reg:4, src_reg:4; s16 off; s32 imm}.
 */
public final class BpfProgram implements AutoCloseable {
    /** Program types (enum bpf_prog_type). */
    public static final int TYPE_KPROBE = 2; // also the type for uprobes
    public static final int TYPE_PERF_EVENT = 7; // breakpoints and other perf events

    private static final int BPF_PROG_LOAD = 5;
    private static final int ATTR_SIZE = 144;
    private static final int LOG_SIZE = 16 * 1024;

    // Opcode parts (BPF_CLASS | BPF_OP | BPF_SRC).
    static final int BPF_ALU64 = 0x07;
    static final int BPF_JMP = 0x05;
    static final int BPF_MOV = 0xb0;
    static final int BPF_K = 0x00;
    static final int BPF_CALL = 0x80;
    static final int BPF_EXIT = 0x90;

    private final int fd;
    private final String name;
    private boolean closed;

    private BpfProgram(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /** One instruction, little-endian. */
    static byte[] insn(int code, int dst, int src, int off, int imm) {
        return new byte[] {(byte) code, (byte) ((src << 4) | (dst & 0xf)), (byte) off, (byte) (off >> 8),
            (byte) imm, (byte) (imm >> 8), (byte) (imm >> 16), (byte) (imm >> 24)};
    }

    static byte[] movImm(int dst, int imm) {
        return insn(BPF_ALU64 | BPF_MOV | BPF_K, dst, 0, 0, imm);
    }

    static byte[] call(int helper) {
        return insn(BPF_JMP | BPF_CALL, 0, 0, 0, helper);
    }

    static byte[] exit() {
        return insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
    }

    /** Loads a GPL program of the given type; on failure the verifier's log is in the message. */
    static BpfProgram load(int type, String name, byte[]... instructions) {
        int count = instructions.length;
        try (Memory insns = new Memory(8L * count); Memory license = new Memory(4); Memory log = new Memory(LOG_SIZE);
                Memory attr = new Memory(ATTR_SIZE)) {
            for (int i = 0; i < count; i++) {
                insns.write(8L * i, instructions[i], 0, 8);
            }
            license.write(0, "GPL\0".getBytes(StandardCharsets.US_ASCII), 0, 4);
            log.clear();
            attr.clear();
            attr.setInt(0, type);
            attr.setInt(4, count);
            attr.setLong(8, Memory.nativeValue(insns));
            attr.setLong(16, Memory.nativeValue(license));
            attr.setInt(24, 1); // log_level: only filled when the verifier rejects the program
            attr.setInt(28, LOG_SIZE);
            attr.setLong(32, Memory.nativeValue(log));
            byte[] shortName = name.getBytes(StandardCharsets.US_ASCII);
            attr.write(48, shortName, 0, Math.min(15, shortName.length)); // prog_name[16]
            int fd = (int) Kernel.syscall(Kernel.SYS_BPF, BPF_PROG_LOAD, Memory.nativeValue(attr), ATTR_SIZE, 0, 0);
            if (fd < 0) {
                int errno = Kernel.errno();
                String verifier = log.getString(0).trim();
                if (errno == Kernel.EPERM || errno == Kernel.EACCES && verifier.isEmpty()) {
                    throw new ProbePermissionException("BPF program " + name + " (needs CAP_BPF and CAP_PERFMON)", errno);
                }
                throw new ProbeException("the kernel refused BPF program " + name + " with " + Kernel.errnoName(errno)
                        + (verifier.isEmpty() ? "" : "; verifier: " + verifier), errno);
            }
            return new BpfProgram(fd, name);
        }
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
