package dev.pyprobe.reader.elf;

import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.proc.Mapping;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.TargetFile;
import dev.pyprobe.reader.proc.TargetProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An ELF file as loaded in a live process: the file and its load bias, the amount added to every
 * link-time address of the file to get where it is in the process (0 for a non-PIE executable).
 */
public final class LoadedElf implements AutoCloseable {
    private static final long PAGE_SIZE = 4096;
    private static final String DELETED = " (deleted)";

    private final ElfFile elf;
    private final String pathInTarget;
    private final Path hostPath;
    private final boolean deleted;
    private final long bias;
    private final ElfSymbols symbols;

    private LoadedElf(ElfFile elf, String pathInTarget, Path hostPath, boolean deleted, long bias,
                      List<DebugRoot> debugRoots) {
        this.elf = elf;
        this.pathInTarget = pathInTarget;
        this.hostPath = hostPath;
        this.deleted = deleted;
        this.bias = bias;
        this.symbols = new ElfSymbols(elf, () -> DebugFileSearch.find(elf, pathInTarget, debugRoots));
    }

    /** The process's main executable. */
    public static LoadedElf openExecutable(TargetProcess process, MemoryMap maps) {
        return open(process, maps, process.exePath());
    }

    /**
     * The file mapped in {@code process} at {@code pathInTarget}, a path as the target sees it
     * (as in its /proc/PID/maps, with or without a {@code (deleted)} suffix).
     */
    public static LoadedElf open(TargetProcess process, MemoryMap maps, String pathInTarget) {
        String path = withoutDeletedSuffix(pathInTarget);
        List<Mapping> mappings = maps.mappings().stream()
                .filter(m -> withoutDeletedSuffix(m.path()).equals(path))
                .toList();
        if (mappings.isEmpty()) {
            throw new ReaderException(path + " is not mapped in process " + process.pid());
        }
        // A file deleted and replaced may be mapped twice under one path; the first loaded wins.
        Mapping first = mappings.get(0);
        List<Mapping> ofFirst = mappings.stream()
                .filter(m -> m.inode() == first.inode() && m.path().equals(first.path()))
                .toList();
        boolean deleted = first.path().endsWith(DELETED);
        Path hostPath = mappedFile(process, first, path, deleted);
        ElfFile elf = ElfFile.open(hostPath);
        try {
            return new LoadedElf(elf, path, hostPath, deleted, bias(elf, ofFirst, process.pid()), debugRoots(process));
        } catch (RuntimeException e) {
            elf.close();
            throw e;
        }
    }

    /**
     * Where gdb would look for the file's debug file: the target's root (a container has its own
     * debug packages), then this host's when that is another.
     */
    private static List<DebugRoot> debugRoots(TargetProcess process) {
        DebugRoot target = new DebugRoot() {
            @Override
            public String description() {
                return "in the target's root";
            }

            @Override
            public ElfFile open(String path) throws IOException {
                try (TargetFile file = process.files().open(path)) {
                    return ElfFile.open(file.path(), path + " " + description());
                }
            }
        };
        return sameFile(process.hostPath("/"), Path.of("/")) ? List.of(target) : List.of(target, DebugRoot.host());
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Bias = where the mapping of the first PT_LOAD's first page starts, minus that page's
     * link-time address. Both are page-aligned because mmap works in pages. The same file can also
     * be mapped at offset 0 by someone else (a plain read-only mmap), so a candidate is taken only
     * if every loadable segment then lands on a mapping of the file at its own file offset.
     */
    private static long bias(ElfFile elf, List<Mapping> mappings, int pid) {
        List<ProgramHeader> loads = elf.loadSegments();
        if (loads.isEmpty()) {
            throw new ElfFormatException(elf.description() + " has no PT_LOAD segment");
        }
        ProgramHeader first = loads.get(0);
        long pageOffset = pageDown(first.offset());
        List<Long> candidates = mappings.stream()
                .filter(m -> m.fileOffset() == pageOffset)
                .map(m -> m.start() - pageDown(first.vaddr()))
                .toList();
        if (candidates.isEmpty()) {
            throw new ReaderException(elf.description() + ": process " + pid + " has no mapping of file offset 0x"
                    + Long.toHexString(pageOffset) + " (its first loadable segment)");
        }
        return candidates.stream().filter(b -> segmentsLandInPlace(b, loads, mappings)).findFirst()
                .orElse(candidates.get(0));
    }

    private static boolean segmentsLandInPlace(long bias, List<ProgramHeader> loads, List<Mapping> mappings) {
        for (ProgramHeader p : loads) {
            if (p.fileSize() == 0) {
                continue;
            }
            long address = p.vaddr() + bias;
            boolean inPlace = mappings.stream()
                    .anyMatch(m -> m.contains(address) && m.fileOffset() + (address - m.start()) == p.offset());
            if (!inPlace) {
                return false;
            }
        }
        return true;
    }

    /**
     * The host path of the file that is really mapped. The target's path (as it names the file:
     * {@link TargetProcess#maps()} gives paths from the target's root, also where /proc shows them
     * from ours), read through /proc/PID/root, is the container's own file for a target in a
     * container; it names the mapped file only if it was not deleted or replaced since;
     * otherwise (or when its inode differs, e.g. a package upgrade renamed a new file over it) the
     * kernel still gives the mapped file through /proc/PID/map_files, which needs CAP_SYS_ADMIN.
     */
    private static Path mappedFile(TargetProcess process, Mapping mapping, String path, boolean deleted) {
        Path host = process.hostPath(path);
        if (!deleted && inodeOf(host).equals(Optional.of(mapping.inode()))) {
            return host;
        }
        Path mapped = Path.of("/proc", Integer.toString(process.pid()), "map_files",
                Long.toHexString(mapping.start()) + "-" + Long.toHexString(mapping.end()));
        if (Files.isReadable(mapped)) {
            return mapped;
        }
        if (deleted) {
            throw new ReaderException(path + " was deleted after process " + process.pid()
                    + " mapped it, and the mapped copy cannot be opened through " + mapped
                    + " (that needs CAP_SYS_ADMIN)");
        }
        // Inode numbers can differ between the two views of one file (overlayfs), so the path is
        // still the best guess when map_files is closed to us.
        return host;
    }

    private static Optional<Long> inodeOf(Path path) {
        try {
            return Optional.of(((Number) Files.getAttribute(path, "unix:ino")).longValue());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static String withoutDeletedSuffix(String path) {
        return path.endsWith(DELETED) ? path.substring(0, path.length() - DELETED.length()) : path;
    }

    private static long pageDown(long value) {
        return value & -PAGE_SIZE;
    }

    public ElfFile elf() {
        return elf;
    }

    /** The file's symbols, with its debug file's where it is stripped ({@link ElfSymbols}). */
    public ElfSymbols symbols() {
        return symbols;
    }

    /** The file's path inside the target's mount namespace, without any {@code (deleted)}. */
    public String pathInTarget() {
        return pathInTarget;
    }

    /**
     * Where this process reads the mapped file: under /proc/PID/root, or /proc/PID/map_files for a
     * deleted or replaced file. A uprobe must be opened on this path, not on
     * {@link #pathInTarget()}, which may name another file here (other mount namespace).
     */
    public Path hostPath() {
        return hostPath;
    }

    /** Whether the mapped file has since been deleted (read through /proc/PID/map_files). */
    public boolean deleted() {
        return deleted;
    }

    public long bias() {
        return bias;
    }

    /** Where a link-time virtual address of the file is in the process. */
    public long runtimeAddress(long linkTimeAddress) {
        return linkTimeAddress + bias;
    }

    /**
     * Where a defined symbol is in the process (see {@link ElfSymbols#find(String)}). Not
     * meaningful for TLS symbols, whose value is an offset in each thread's TLS block.
     */
    public OptionalLong runtimeAddress(String symbolName) {
        return symbols.find(symbolName).map(s -> OptionalLong.of(runtimeAddress(s.value())))
                .orElse(OptionalLong.empty());
    }

    public long runtimeAddress(ElfSymbol symbol) {
        return runtimeAddress(symbol.value());
    }

    /** Where a loaded section starts in the process. */
    public long runtimeAddress(ElfSection section) {
        if (!section.allocated()) {
            throw new IllegalArgumentException("section " + section.name() + " of " + elf.description()
                    + " is not loaded into memory");
        }
        return runtimeAddress(section.address());
    }

    @Override
    public void close() {
        symbols.close();
        elf.close();
    }

    @Override
    public String toString() {
        return "LoadedElf[" + pathInTarget + (deleted ? DELETED : "") + ", bias=0x" + Long.toHexString(bias) + "]";
    }
}
