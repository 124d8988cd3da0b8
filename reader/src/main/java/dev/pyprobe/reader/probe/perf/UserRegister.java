package dev.pyprobe.reader.probe.perf;

/**
 * x86_64 user registers in the numbering of arch/x86/include/uapi/asm/perf_regs.h, which is
 * the bit position in {@code sample_regs_user} and the order of values in a sample. DS, ES, FS
 * and GS (12-15) are left out: the kernel rejects them in a 64-bit register mask.
 */
public enum UserRegister {
    AX(0), BX(1), CX(2), DX(3), SI(4), DI(5), BP(6), SP(7), IP(8), FLAGS(9), CS(10), SS(11),
    R8(16), R9(17), R10(18), R11(19), R12(20), R13(21), R14(22), R15(23);

    /** One past the highest perf register number, the size of a register file array. */
    public static final int COUNT = 24;

    private final int perfIndex;

    UserRegister(int perfIndex) {
        this.perfIndex = perfIndex;
    }

    public int perfIndex() {
        return perfIndex;
    }

    public long maskBit() {
        return 1L << perfIndex;
    }
}
