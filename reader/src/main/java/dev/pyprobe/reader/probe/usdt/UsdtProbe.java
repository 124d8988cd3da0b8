package dev.pyprobe.reader.probe.usdt;

import dev.pyprobe.reader.probe.perf.SampleFormat;
import dev.pyprobe.reader.probe.perf.UprobeTarget;
import dev.pyprobe.reader.probe.perf.UserRegister;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A USDT probe site ready to attach: the binary (as a path this process can open), the file
 * offsets of the probe instruction and of its semaphore (0 when it has none), and its parsed
 * arguments.
 */
public record UsdtProbe(String provider, String name, String binaryPath, long pcFileOffset, long semaphoreFileOffset,
        List<ArgSpec> arguments) {
    /** Stack copied with each sample when an argument lives in memory off a register other than %rsp. */
    static final int DEFAULT_STACK_COPY = 256;

    public UsdtProbe {
        arguments = List.copyOf(arguments);
    }

    /** Parses the note's argument string; throws {@link ArgSpecException} on garbage. */
    public static UsdtProbe of(String provider, String name, String binaryPath, long pcFileOffset,
            long semaphoreFileOffset, String arguments) {
        return new UsdtProbe(provider, name, binaryPath, pcFileOffset, semaphoreFileOffset, ArgSpec.parseAll(arguments));
    }

    public boolean hasSemaphore() {
        return semaphoreFileOffset != 0;
    }

    /** The uprobe, with the semaphore raised by the kernel while it is installed. */
    public UprobeTarget uprobe() {
        return new UprobeTarget(binaryPath, pcFileOffset, semaphoreFileOffset, false);
    }

    /** The smallest sample that still decodes every argument. */
    public SampleFormat sampleFormat() {
        Set<UserRegister> regs = EnumSet.noneOf(UserRegister.class);
        int stack = 0;
        for (ArgSpec a : arguments) {
            a.register().ifPresent(regs::add);
            if (a.kind() == ArgSpec.Kind.MEMORY) {
                stack = Math.max(stack, a.stackBytesNeeded() > 0 ? a.stackBytesNeeded() : DEFAULT_STACK_COPY);
            }
        }
        return SampleFormat.withRegisters(regs, Math.min(stack, SampleFormat.MAX_STACK_BYTES));
    }

    @Override
    public String toString() {
        return provider + ":" + name + " in " + binaryPath + "+0x" + Long.toHexString(pcFileOffset);
    }
}
