package dev.pyprobe.reader.elf;

import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.proc.Mapping;
import dev.pyprobe.reader.proc.MemoryMap;
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
    private final boolean deleted;
    private final long bias;

    private LoadedElf(ElfFile elf, String pathInTarget, boolean deleted, long bias) {
        this.elf = elf;
        this.pathInTarget = pathInTarget;
        this.deleted = deleted;
        this.bias = bias;
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
        boolean deleted = mappings.get(0).path().endsWith(DELETED);
        ElfFile elf = openMapped(process, mappings.get(0), path, deleted);
        try {
            return new LoadedElf(elf, path, deleted, bias(elf, mappings, process.pid()));
        } catch (RuntimeException e) {
            elf.close();
            throw e;
        }
    }

    /**
     * Bias = where the mapping of the first PT_LOAD's first page starts, minus that page's
     * link-time address. Both are page-aligned because mmap works in pages.
     */
    private static long bias(ElfFile elf, List<Mapping> mappings, int pid) {
        ProgramHeader first = elf.loadSegments().stream().findFirst()
                .orElseThrow(() -> new ElfFormatException(elf.description() + " has no PT_LOAD segment"));
        long pageOffset = pageDown(first.offset());
        Mapping base = mappings.stream().filter(m -> m.fileOffset() == pageOffset).findFirst()
                .orElseThrow(() -> new ReaderException(elf.description() + ": process " + pid
                        + " has no mapping of file offset 0x" + Long.toHexString(pageOffset)
                        + " (its first loadable segment)"));
        return base.start() - pageDown(first.vaddr());
    }

    /**
     * Opens the file that is really mapped. The path, read through /proc/PID/root, names the
     * mapped file only if it was not deleted or replaced since; otherwise (or when its inode
     * differs, e.g. a package upgrade renamed a new file over it) the kernel still gives the
     * mapped file through /proc/PID/map_files, which needs CAP_SYS_ADMIN.
     */
    private static ElfFile openMapped(TargetProcess process, Mapping mapping, String path, boolean deleted) {
        Path host = process.hostPath(path);
        if (!deleted && inodeOf(host).equals(Optional.of(mapping.inode()))) {
            return ElfFile.open(host);
        }
        Path mapped = Path.of("/proc", Integer.toString(process.pid()), "map_files",
                Long.toHexString(mapping.start()) + "-" + Long.toHexString(mapping.end()));
        try {
            return ElfFile.open(mapped);
        } catch (ElfFormatException e) {
            throw e;
        } catch (ReaderException e) {
            if (deleted) {
                throw new ReaderException(path + " was deleted after process " + process.pid()
                        + " mapped it, and the mapped copy cannot be opened through " + mapped + ": "
                        + e.getMessage(), e);
            }
            // Inode numbers can differ between the two views of one file (overlayfs), so the path
            // is still the best guess when map_files is closed to us.
            return ElfFile.open(host);
        }
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

    /** The file's path inside the target's mount namespace, without any {@code (deleted)}. */
    public String pathInTarget() {
        return pathInTarget;
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

    /** Where a defined symbol is in the process (see {@link ElfFile#findSymbol(String)}). */
    public OptionalLong runtimeAddress(String symbolName) {
        return elf.findSymbol(symbolName).map(s -> OptionalLong.of(runtimeAddress(s.value())))
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
        elf.close();
    }

    @Override
    public String toString() {
        return "LoadedElf[" + pathInTarget + (deleted ? DELETED : "") + ", bias=0x" + Long.toHexString(bias) + "]";
    }
}
