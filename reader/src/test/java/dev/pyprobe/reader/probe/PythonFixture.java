package dev.pyprobe.reader.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The Python probe target (src/test/resources/probe/probe_target.py) under a given interpreter. */
final class PythonFixture {

    private PythonFixture() {
    }

    static Path script(Path dir) throws IOException {
        Path out = dir.resolve("probe_target.py");
        try (InputStream in = PythonFixture.class.getResourceAsStream("/probe/probe_target.py")) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    static Fixture start(String python, Path dir) throws IOException {
        return new Fixture(List.of(python, "-u", script(dir).toString()));
    }

    /** The "ready PID ADDR" line's address. */
    static long firstInstruction(String ready) {
        return Long.parseLong(ready.split(" ")[2]);
    }
}
