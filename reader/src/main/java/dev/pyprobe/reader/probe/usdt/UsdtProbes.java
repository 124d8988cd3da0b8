package dev.pyprobe.reader.probe.usdt;

import dev.pyprobe.reader.elf.ElfSymbol;
import dev.pyprobe.reader.elf.LoadedElf;
import dev.pyprobe.reader.elf.StapsdtNotes;
import dev.pyprobe.reader.elf.StapsdtProbe;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.proc.Mapping;
import dev.pyprobe.reader.proc.TargetProcess;
import java.util.List;
import java.util.OptionalLong;

/**
 * The USDT probes of a binary mapped in a target process, located by the elf package and turned
 * into attachable {@link UsdtProbe}s. The kernel opens the binary by path, so the path given to
 * it is the target's own file seen through /proc/PID/root, or /proc/PID/map_files when the file
 * was deleted or replaced after the target mapped it.
 */
public final class UsdtProbes {
    private UsdtProbes() {
    }

    /** Every stapsdt probe of {@code binary}; throws {@link ArgSpecException} on an argument it cannot decode. */
    public static List<UsdtProbe> inBinary(TargetProcess process, LoadedElf binary) {
        String path = kernelPath(process, binary);
        return StapsdtNotes.locate(binary.elf()).stream().map(p -> of(path, p)).toList();
    }

    private static UsdtProbe of(String path, StapsdtProbe p) {
        return UsdtProbe.of(p.provider(), p.name(), path, p.pcFileOffset(), p.semaphoreFileOffset(),
                p.note().arguments());
    }

    /**
     * File offset of a function's first instruction, for a uprobe that must sit where nothing
     * runs any more (such as Py_BytesMain, for the 3.11 line semaphore).
     */
    public static OptionalLong functionEntryOffset(LoadedElf binary, String symbol) {
        return binary.elf().findSymbol(symbol).filter(ElfSymbol::defined)
                .map(s -> binary.elf().fileOffsetOf(s.value())).orElse(OptionalLong.empty());
    }

    static String kernelPath(TargetProcess process, LoadedElf binary) {
        if (!binary.deleted()) {
            return process.hostPath(binary.pathInTarget()).toString();
        }
        Mapping m = process.maps().mappings().stream()
                .filter(x -> x.path().startsWith(binary.pathInTarget()))
                .findFirst()
                .orElseThrow(() -> new ProbeException(binary.pathInTarget() + " is no longer mapped in process "
                        + process.pid()));
        return "/proc/" + process.pid() + "/map_files/" + Long.toHexString(m.start()) + "-" + Long.toHexString(m.end());
    }
}
