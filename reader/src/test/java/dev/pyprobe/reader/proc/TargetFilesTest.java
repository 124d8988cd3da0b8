package dev.pyprobe.reader.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file system rooted in a directory, as a container's is under /proc/PID/root, on real files:
 * names are resolved inside it, even where the same name means another file from our root.
 */
class TargetFilesTest {

    @TempDir
    Path dir;

    private static String read(TargetFiles files, String name) throws IOException {
        try (TargetFile file = files.open(name)) {
            return Files.readString(file.path());
        }
    }

    @Test
    void absoluteSymbolicLinksAreFollowedInsideTheRoot() throws IOException {
        // The host has DIR/srv/app.py; the target's root has its own file at that same path, and
        // /app -> DIR/srv (absolute), which from our root would lead to the host's file.
        Path hostSide = Files.createDirectories(dir.resolve("srv"));
        Files.writeString(hostSide.resolve("app.py"), "host's\n");
        Path root = Files.createDirectories(dir.resolve("root"));
        Path inRoot = Files.createDirectories(root.resolve(hostSide.toString().substring(1)));
        Files.writeString(inRoot.resolve("app.py"), "target's\n");
        Files.createSymbolicLink(root.resolve("app"), hostSide);
        try (TargetFiles files = TargetFiles.rootedAt(root)) {
            assertThat(read(files, "/app/app.py")).isEqualTo("target's\n");
            assertThat(Files.readString(root.resolve("app/app.py"))).as("the plain path under the root").isEqualTo("host's\n");
        }
    }

    @Test
    void dotDotStopsAtTheRoot() throws IOException {
        Files.writeString(dir.resolve("outside.py"), "outside\n");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("outside.py"), "inside\n");
        try (TargetFiles files = TargetFiles.rootedAt(root)) {
            assertThat(read(files, "/../../outside.py")).isEqualTo("inside\n");
            assertThat(read(files, "outside.py")).as("a relative name starts at the root").isEqualTo("inside\n");
        }
    }

    @Test
    void missingFilesAndImpossibleNamesAreNoSuchFile() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        try (TargetFiles files = TargetFiles.rootedAt(root)) {
            assertThatThrownBy(() -> files.open("/nowhere.py")).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> files.open("/a\0b.py")).isInstanceOf(NoSuchFileException.class);
        }
        try (TargetFiles gone = TargetFiles.rootedAt(dir.resolve("no-such-root"))) {
            assertThatThrownBy(() -> gone.open("/x.py")).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void anOpenFileStaysTheSameFileWhenItsNameIsReplaced() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("m.py"), "first\n");
        try (TargetFiles files = TargetFiles.rootedAt(root); TargetFile file = files.open("/m.py")) {
            Files.writeString(root.resolve("m.py.new"), "second\n");
            Files.move(root.resolve("m.py.new"), root.resolve("m.py"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            assertThat(Files.readString(file.path())).isEqualTo("first\n");
        }
    }
}
