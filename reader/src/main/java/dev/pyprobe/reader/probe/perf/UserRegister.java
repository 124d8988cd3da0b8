package dev.pyprobe.reader.probe.perf;

/**
 * x86_64 user registers in the numbering of arch/x86/include/uapi/asm/perf_regs.h, which is
 * the bit position in {@code sample_regs_user} and the order of values in a sample. DS, ES, FS
 * and GS (12-15) are left out: the kernel rejects them in a 64-bit register mask.
 */
public enum UserRegister {
    AX(0, 80), BX(1, 40), CX(2, 88), DX(3, 96), SI(4, 104), DI(5, 112), BP(6, 32), SP(7, 152), IP(8, 128),
    FLAGS(9, 144), CS(10, 136), SS(11, 160),
    R8(16, 72), R9(17, 64), R10(18, 56), R11(19, 48), R12(20, 24), R13(21, 16), R14(22, 8), R15(23, 0);

    /** One past the highest perf register number, the size of a register file array. */
    public static final int COUNT = 24;

    /** The integer arguments of a call, in order (System V AMD64 ABI). */
    public static final java.util.List<UserRegister> CALL_ARGUMENTS = java.util.List.of(DI, SI, DX, CX, R8, R9);

    private final int perfIndex;
    private final int ptRegsOffset;

    UserRegister(int perfIndex, int ptRegsOffset) {
        this.perfIndex = perfIndex;
        this.ptRegsOffset = ptRegsOffset;
    }

    /**
     * Byte offset of the register in the kernel's {@code struct pt_regs}
     * (arch/x86/include/asm/ptrace.h), which is what a uprobe's BPF program gets as its context.
     */
    public int ptRegsOffset() {
        return ptRegsOffset;
    }

    public int perfIndex() {
        return perfIndex;
    }

    public long maskBit() {
        return 1L << perfIndex;
    }
}
