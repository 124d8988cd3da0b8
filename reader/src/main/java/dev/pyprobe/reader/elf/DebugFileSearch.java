package dev.pyprobe.reader.elf;

import dev.pyprobe.reader.ReaderException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the separate debug file that holds a stripped binary's full symbol table where gdb looks
 * for it: by build-id ({@code /usr/lib/debug/.build-id/xx/yyyy.debug}), then by the file name in
 * {@code .gnu_debuglink} (next to the binary, in its {@code .debug} directory, and under
 * {@code /usr/lib/debug}), in each root in turn (the target's own first: a container has its own
 * packages). Only a file of the very same build is taken, since another build's symbols have other
 * addresses: its build-id must be the binary's, and one found through the debug link must also have
 * the CRC the link names. A candidate that is not such a file, or not an ELF file at all, is left
 * with a note that says why; nothing here fails.
 */
public final class DebugFileSearch {
    private static final String DEBUG_DIRECTORY = "/usr/lib/debug";

    /**
     * What the search found: the debug file (open, the caller closes it; its description names
     * its path and root), and why other candidates were left.
     */
    public record Result(Optional<ElfFile> file, List<String> notes) {
    }

    private final ElfFile binary;
    private final String binaryPath;
    private final List<DebugRoot> roots;
    private final List<String> notes = new ArrayList<>();

    private DebugFileSearch(ElfFile binary, String binaryPath, List<DebugRoot> roots) {
        this.binary = binary;
        this.binaryPath = binaryPath;
        this.roots = roots;
    }

    /**
     * The debug file of {@code binary}, whose path in its root is {@code binaryPath}, looked for in
     * {@code roots} in order.
     */
    public static Result find(ElfFile binary, String binaryPath, List<DebugRoot> roots) {
        return new DebugFileSearch(binary, binaryPath, roots).search();
    }

    /** Where a debug file is looked for by build-id: {@code /usr/lib/debug/.build-id/xx/yyyy.debug}. */
    public static String buildIdPath(String buildId) {
        return DEBUG_DIRECTORY + "/.build-id/" + buildId.substring(0, 2) + "/" + buildId.substring(2) + ".debug";
    }

    private Result search() {
        Optional<String> buildId = readBuildId();
        if (buildId.isPresent() && buildId.get().length() > 2) {
            for (DebugRoot root : roots) {
                Optional<ElfFile> found = candidate(root, buildIdPath(buildId.get()), buildId, Optional.empty());
                if (found.isPresent()) {
                    return new Result(found, List.copyOf(notes));
                }
            }
        }
        Optional<DebugLink> link = readDebugLink();
        if (link.isPresent()) {
            String directory = binaryPath.substring(0, Math.max(0, binaryPath.lastIndexOf('/')));
            List<String> paths = List.of(directory + "/" + link.get().name(), directory + "/.debug/" + link.get().name(),
                    DEBUG_DIRECTORY + directory + "/" + link.get().name());
            for (DebugRoot root : roots) {
                for (String path : paths) {
                    Optional<ElfFile> found = candidate(root, path, buildId, Optional.of(link.get().crc()));
                    if (found.isPresent()) {
                        return new Result(found, List.copyOf(notes));
                    }
                }
            }
        }
        return new Result(Optional.empty(), List.copyOf(notes));
    }

    /** The file at {@code path} in {@code root} if it is the binary's debug file; otherwise a note, if it exists. */
    private Optional<ElfFile> candidate(DebugRoot root, String path, Optional<String> buildId, Optional<Long> crc) {
        String named = path + " " + root.description();
        ElfFile file;
        try {
            file = root.open(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            notes.add(named + " was ignored: it cannot be opened (" + e.getMessage() + ")");
            return Optional.empty();
        } catch (ReaderException e) {
            notes.add(e.getMessage() + ": ignored as a debug file");
            return Optional.empty();
        }
        try {
            Optional<String> why = mismatch(file, buildId, crc);
            if (why.isEmpty()) {
                return Optional.of(file);
            }
            notes.add(named + " was ignored: " + why.get());
        } catch (ReaderException e) {
            notes.add(e.getMessage() + ": ignored as a debug file");
        }
        file.close();
        return Optional.empty();
    }

    /** Why {@code file} is not the binary's debug file, or empty when it is. */
    private static Optional<String> mismatch(ElfFile file, Optional<String> buildId, Optional<Long> crc) {
        Optional<String> its = file.buildId();
        if (buildId.isPresent() && !its.equals(buildId)) {
            return Optional.of(its.map(id -> "its build-id " + id + " is not the binary's " + buildId.get())
                    .orElse("it has no build-id, and the binary's is " + buildId.get()));
        }
        if (crc.isPresent() && file.crc32() != crc.get()) {
            return Optional.of(String.format("its CRC-32 %08x is not the %08x that the binary's .gnu_debuglink names",
                    file.crc32(), crc.get()));
        }
        if (!file.hasSymbolTable(SymbolTableKind.STATIC)) {
            return Optional.of("it has no symbol table (.symtab)");
        }
        return Optional.empty();
    }

    private Optional<String> readBuildId() {
        try {
            return binary.buildId();
        } catch (ReaderException e) {
            notes.add(binary.description() + ": its build-id cannot be read (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** The {@code .gnu_debuglink} section: a file name, padding to 4 bytes, and the file's CRC-32. */
    private record DebugLink(String name, long crc) {
    }

    private Optional<DebugLink> readDebugLink() {
        try {
            Optional<byte[]> section = binary.sectionBytes(".gnu_debuglink");
            if (section.isEmpty()) {
                return Optional.empty();
            }
            ByteCursor cursor = new ByteCursor(section.get(), 0, section.get().length,
                    binary.description() + ": .gnu_debuglink");
            String name = cursor.cString();
            cursor.skipTo((cursor.position() + 3) & ~3);
            long crc = cursor.u32();
            if (name.isEmpty() || name.contains("/")) {
                notes.add(binary.description() + ": its .gnu_debuglink names '" + name + "', not a file name");
                return Optional.empty();
            }
            return Optional.of(new DebugLink(name, crc));
        } catch (ReaderException e) {
            notes.add(binary.description() + ": its .gnu_debuglink cannot be read (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }
}
