package dev.pyprobe.reader.probe.perf;

/**
 * The x86_64 user registers a probe's BPF program can read, by their place in the kernel's
 * {@code struct pt_regs}. DS, ES, FS and GS are left out: no probe argument lives there.
 */
public enum UserRegister {
    AX(80), BX(40), CX(88), DX(96), SI(104), DI(112), BP(32), SP(152), IP(128),
    FLAGS(144), CS(136), SS(160),
    R8(72), R9(64), R10(56), R11(48), R12(24), R13(16), R14(8), R15(0);

    /** The integer arguments of a call, in order (System V AMD64 ABI). */
    public static final java.util.List<UserRegister> CALL_ARGUMENTS = java.util.List.of(DI, SI, DX, CX, R8, R9);

    private final int ptRegsOffset;

    UserRegister(int ptRegsOffset) {
        this.ptRegsOffset = ptRegsOffset;
    }

    /**
     * Byte offset of the register in the kernel's {@code struct pt_regs}
     * (arch/x86/include/asm/ptrace.h), which is what a uprobe's BPF program gets as its context.
     */
    public int ptRegsOffset() {
        return ptRegsOffset;
    }
}
