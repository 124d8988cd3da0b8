package dev.pyprobe.reader.elf;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A file system that separate debug files are looked for in: a target's own root, or this host's. */
public interface DebugRoot {
    /** How notes name it, after a path: {@code in the target's root}, {@code on this host}. */
    String description();

    /**
     * Opens the file at {@code path} (absolute, as this root names it) as an ELF file, whose
     * messages name it {@code path} followed by {@link #description()}.
     *
     * @throws NoSuchFileException when there is none
     * @throws IOException         when it cannot be opened
     */
    ElfFile open(String path) throws IOException;

    /** This host's own file system. */
    static DebugRoot host() {
        return new DebugRoot() {
            @Override
            public String description() {
                return "on this host";
            }

            @Override
            public ElfFile open(String path) throws IOException {
                Path file = Path.of(path);
                if (!file.toFile().exists()) {
                    throw new NoSuchFileException(path);
                }
                return ElfFile.open(file, path + " " + description());
            }
        };
    }
}
