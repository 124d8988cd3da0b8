package dev.pyprobe.reader.probe.usdt;

import dev.pyprobe.reader.probe.perf.UprobeTarget;
import java.util.List;

/**
 * A USDT probe site ready to attach: the binary (as a path this process can open), the file
 * offsets of the probe instruction and of its semaphore (0 when it has none), and its parsed
 * arguments.
 */
public record UsdtProbe(String provider, String name, String binaryPath, long pcFileOffset, long semaphoreFileOffset,
        List<ArgSpec> arguments) {
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

    @Override
    public String toString() {
        return provider + ":" + name + " in " + binaryPath + "+0x" + Long.toHexString(pcFileOffset);
    }
}
