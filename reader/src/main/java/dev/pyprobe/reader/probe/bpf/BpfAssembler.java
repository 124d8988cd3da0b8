package dev.pyprobe.reader.probe.bpf;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes BPF instructions (the encoding of include/uapi/linux/bpf.h: 8 bytes each,
 * {@code u8 code; u8 dst:4, src:4; s16 off; s32 imm}) with named jump targets, so a program reads
 * top to bottom like the pseudo-C its class documents. Only what pyprobe's programs use is here.
 */
public final class BpfAssembler {
    public static final int R0 = 0;
    public static final int R1 = 1;
    public static final int R2 = 2;
    public static final int R3 = 3;
    public static final int R4 = 4;
    public static final int R5 = 5;
    public static final int R6 = 6;
    public static final int R7 = 7;
    public static final int R8 = 8;
    public static final int R9 = 9;
    /** The read-only frame pointer; the program's 512-byte stack lies below it. */
    public static final int FP = 10;

    /** Helper functions (enum bpf_func_id). */
    public static final int MAP_LOOKUP_ELEM = 1;
    public static final int KTIME_GET_NS = 5;
    public static final int GET_SMP_PROCESSOR_ID = 8;
    public static final int GET_NS_CURRENT_PID_TGID = 120;
    public static final int PERF_EVENT_OUTPUT = 25;
    public static final int PROBE_READ_USER = 112;
    public static final int SEND_SIGNAL_THREAD = 117;

    /** Access sizes. */
    public enum Size {
        U8(0x10), U16(0x08), U32(0x00), U64(0x18);

        final int bits;

        Size(int bits) {
            this.bits = bits;
        }
    }

    /** Conditions of a conditional jump (unsigned unless named signed). */
    public enum Cond {
        EQ(0x10), GT(0x20), GE(0x30), SET(0x40), NE(0x50), LT(0xa0), LE(0xb0);

        final int bits;

        Cond(int bits) {
            this.bits = bits;
        }
    }

    private static final int LD = 0x00;
    private static final int LDX = 0x01;
    private static final int STX = 0x03;
    private static final int ST = 0x02;
    private static final int JMP = 0x05;
    private static final int JMP32 = 0x06;
    private static final int ALU = 0x04;
    private static final int ALU64 = 0x07;
    private static final int MEM = 0x60;
    private static final int IMM = 0x00;
    private static final int ATOMIC = 0xc0;
    private static final int DW = 0x18;
    private static final int K = 0x00;
    private static final int X = 0x08;
    private static final int ADD = 0x00;
    private static final int MUL = 0x20;
    private static final int AND = 0x50;
    private static final int RSH = 0x70;
    private static final int MOV = 0xb0;
    private static final int JA = 0x00;
    private static final int CALL = 0x80;
    private static final int EXIT = 0x90;
    private static final int PSEUDO_MAP_FD = 1;

    private record Insn(int code, int dst, int src, int off, int imm, String target) {
    }

    private final List<Insn> insns = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();

    private BpfAssembler add(int code, int dst, int src, int off, int imm) {
        insns.add(new Insn(code, dst, src, off, imm, null));
        return this;
    }

    /** Marks the next instruction as {@code name}. */
    public BpfAssembler label(String name) {
        if (labels.putIfAbsent(name, insns.size()) != null) {
            throw new IllegalArgumentException("label " + name + " defined twice");
        }
        return this;
    }

    /** {@code dst = imm} (sign-extended 32-bit). */
    public BpfAssembler mov(int dst, int imm) {
        return add(ALU64 | MOV | K, dst, 0, 0, imm);
    }

    /** {@code dst = (u32) imm}: the upper half is zeroed, not sign-filled. */
    public BpfAssembler mov32(int dst, int imm) {
        return add(ALU | MOV | K, dst, 0, 0, imm);
    }

    /** {@code dst = src}. */
    public BpfAssembler movReg(int dst, int src) {
        return add(ALU64 | MOV | X, dst, src, 0, 0);
    }

    /** {@code dst += imm}. */
    public BpfAssembler addImm(int dst, int imm) {
        return add(ALU64 | ADD | K, dst, 0, 0, imm);
    }

    /** {@code dst += src}. */
    public BpfAssembler addReg(int dst, int src) {
        return add(ALU64 | ADD | X, dst, src, 0, 0);
    }

    /** {@code dst *= imm}. */
    public BpfAssembler mul(int dst, int imm) {
        return add(ALU64 | MUL | K, dst, 0, 0, imm);
    }

    /** {@code dst &= imm}. */
    public BpfAssembler and(int dst, int imm) {
        return add(ALU64 | AND | K, dst, 0, 0, imm);
    }

    /** {@code dst &= src}. */
    public BpfAssembler andReg(int dst, int src) {
        return add(ALU64 | AND | X, dst, src, 0, 0);
    }

    /** {@code dst >>= imm} (logical). */
    public BpfAssembler rsh(int dst, int imm) {
        return add(ALU64 | RSH | K, dst, 0, 0, imm);
    }

    /** {@code dst = *(size *)(src + off)}, zero-extended. */
    public BpfAssembler load(Size size, int dst, int src, int off) {
        return add(LDX | MEM | size.bits, dst, src, off, 0);
    }

    /** {@code *(size *)(dst + off) = src}. */
    public BpfAssembler store(Size size, int dst, int off, int src) {
        return add(STX | MEM | size.bits, dst, src, off, 0);
    }

    /** {@code *(size *)(dst + off) = imm}. */
    public BpfAssembler storeImm(Size size, int dst, int off, int imm) {
        return add(ST | MEM | size.bits, dst, 0, off, imm);
    }

    /** {@code lock *(u64 *)(dst + off) += src}. */
    public BpfAssembler atomicAdd(int dst, int off, int src) {
        return add(STX | ATOMIC | DW, dst, src, off, ADD);
    }

    /** {@code dst = the map} (a 16-byte instruction the kernel rewrites to the map's address). */
    public BpfAssembler loadMap(int dst, BpfMap map) {
        return loadMap(dst, map.fd());
    }

    /** {@code dst = the map whose descriptor is mapFd}. */
    public BpfAssembler loadMap(int dst, int mapFd) {
        add(LD | IMM | DW, dst, PSEUDO_MAP_FD, 0, mapFd);
        return add(0, 0, 0, 0, 0);
    }

    /** {@code if (dst COND imm) goto target}. */
    public BpfAssembler jump(Cond cond, int dst, int imm, String target) {
        insns.add(new Insn(JMP | cond.bits | K, dst, 0, 0, imm, target));
        return this;
    }

    /** {@code if ((u32) dst COND (u32) imm) goto target}: compares the low 32 bits only. */
    public BpfAssembler jump32(Cond cond, int dst, int imm, String target) {
        insns.add(new Insn(JMP32 | cond.bits | K, dst, 0, 0, imm, target));
        return this;
    }

    /** {@code if (dst COND src) goto target}. */
    public BpfAssembler jumpReg(Cond cond, int dst, int src, String target) {
        insns.add(new Insn(JMP | cond.bits | X, dst, src, 0, 0, target));
        return this;
    }

    /** {@code goto target}. */
    public BpfAssembler jump(String target) {
        insns.add(new Insn(JMP | JA, 0, 0, 0, 0, target));
        return this;
    }

    /** {@code r0 = helper(r1, ..., r5)}; r1-r5 are clobbered, r6-r9 kept. */
    public BpfAssembler call(int helper) {
        return add(JMP | CALL, 0, 0, 0, helper);
    }

    /** {@code return r0}. */
    public BpfAssembler exit() {
        return add(JMP | EXIT, 0, 0, 0, 0);
    }

    /** The program's bytes, with every jump resolved. */
    public byte[] assemble() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(insns.size() * 8);
        for (int i = 0; i < insns.size(); i++) {
            Insn in = insns.get(i);
            int off = in.off();
            if (in.target() != null) {
                Integer at = labels.get(in.target());
                if (at == null) {
                    throw new IllegalStateException("jump to undefined label " + in.target());
                }
                off = at - i - 1;
            }
            out.writeBytes(new byte[] {(byte) in.code(), (byte) ((in.src() << 4) | (in.dst() & 0xf)), (byte) off,
                (byte) (off >> 8), (byte) in.imm(), (byte) (in.imm() >> 8), (byte) (in.imm() >> 16),
                (byte) (in.imm() >> 24)});
        }
        return out.toByteArray();
    }
}
