package dev.pyprobe.reader.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A directory of this host standing for a root that debug files are looked for in. */
final class DirectoryDebugRoot implements DebugRoot {
    private final Path directory;
    private final String description;

    DirectoryDebugRoot(Path directory, String description) {
        this.directory = directory;
        this.description = description;
    }

    /** Where the root's file {@code path} (absolute) lies here. */
    Path resolve(String path) {
        return directory.resolve(path.substring(1));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ElfFile open(String path) throws IOException {
        Path file = resolve(path);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(path);
        }
        return ElfFile.open(file, path + " " + description);
    }
}
