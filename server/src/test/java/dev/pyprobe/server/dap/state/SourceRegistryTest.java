package dev.pyprobe.server.dap.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pyprobe.reader.proc.TargetFiles;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourcePresentationHint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source descriptions and the files the registry agrees to serve, on real files. */
class SourceRegistryTest {

    @TempDir
    Path dir;

    private final List<TargetFiles> opened = new ArrayList<>();

    /** The target's file system rooted at a directory here, as /proc/PID/root is. */
    private TargetFiles rootAt(Path root) {
        TargetFiles files = TargetFiles.rootedAt(root);
        opened.add(files);
        return files;
    }

    @AfterEach
    void closeRoots() {
        opened.forEach(TargetFiles::close);
    }

    @Test
    void aFileVisibleAtTheSamePathIsGivenByPathOnly() throws Exception {
        Path file = Files.writeString(dir.resolve("app.py"), "x = 1\n");
        SourceRegistry sources = new SourceRegistry(rootAt(Path.of("/")), false);
        Source s = sources.describe(file.toString());
        assertThat(s.getPath()).isEqualTo(file.toString());
        assertThat(s.getName()).isEqualTo("app.py");
        assertThat(s.getSourceReference()).isNull();
        assertThat(sources.content(0, file.toString())).isEqualTo("x = 1\n");
    }

    @Test
    void aFileThatDiffersFromOursIsServedByReferenceFromTheTargetsSide() throws Exception {
        Path targetRoot = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(targetRoot.resolve("srv"));
        Files.writeString(targetRoot.resolve("srv/app.py"), "print('target')\n");
        SourceRegistry sources = new SourceRegistry(rootAt(targetRoot), false);
        Source s = sources.describe("/srv/app.py");
        assertThat(s.getSourceReference()).isPositive();
        assertThat(sources.content(s.getSourceReference(), null)).isEqualTo("print('target')\n");
        assertThat(sources.describe("/srv/app.py").getSourceReference()).isEqualTo(s.getSourceReference());
    }

    @Test
    void aRemoteClientGetsEveryFileByReference() throws Exception {
        Path file = Files.writeString(dir.resolve("app.py"), "y = 2\n");
        SourceRegistry sources = new SourceRegistry(rootAt(Path.of("/")), true);
        assertThat(sources.describe(file.toString()).getSourceReference()).isPositive();
    }

    @Test
    void codeWithoutAFileIsDescribedButNeverRead() {
        SourceRegistry sources = new SourceRegistry(rootAt(dir), false);
        Source frozen = sources.describe("<frozen importlib._bootstrap>");
        assertThat(frozen.getPath()).isNull();
        assertThat(frozen.getPresentationHint()).isEqualTo(SourcePresentationHint.DEEMPHASIZE);
        Source missing = sources.describe("/nowhere/gone.py");
        assertThat(missing.getSourceReference()).isNull();
        assertThat(missing.getPresentationHint()).isEqualTo(SourcePresentationHint.DEEMPHASIZE);
        assertThatThrownBy(() -> sources.content(0, "/nowhere/gone.py")).hasMessageContaining("Cannot read /nowhere/gone.py");
    }

    @Test
    void onlyDescribedFilesAreServed() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "no");
        SourceRegistry sources = new SourceRegistry(rootAt(Path.of("/")), false);
        assertThatThrownBy(() -> sources.content(0, secret.toString()))
                .hasMessageContaining("pyprobe serves only the source files of the attached process");
        assertThatThrownBy(() -> sources.content(0, null)).hasMessageContaining("serves only the source files");
        assertThatThrownBy(() -> sources.content(99, null)).hasMessageContaining("Unknown sourceReference 99");
    }

    @Test
    void hugeFilesAreRefusedWithoutBeingRead() throws Exception {
        Path huge = dir.resolve("huge.py");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(SourceRegistry.MAX_SOURCE_BYTES + 1); // sparse: no disk used
        }
        SourceRegistry sources = new SourceRegistry(rootAt(Path.of("/")), true);
        int ref = sources.describe(huge.toString()).getSourceReference();
        assertThatThrownBy(() -> sources.content(ref, null)).hasMessageContaining("pyprobe serves source files up to");
    }

    @Test
    void pythonTwoModuleFilesShowTheirSource() throws Exception {
        Files.writeString(dir.resolve("mod.py"), "");
        Files.write(dir.resolve("mod.pyc"), new byte[] {3, -13});
        Files.write(dir.resolve("orphan.pyc"), new byte[] {3, -13});
        SourceRegistry sources = new SourceRegistry(rootAt(Path.of("/")), false);
        assertThat(sources.sourceFileOf(dir.resolve("mod.pyc").toString())).isEqualTo(dir.resolve("mod.py").toString());
        assertThat(sources.sourceFileOf(dir.resolve("orphan.pyc").toString())).isEqualTo(dir.resolve("orphan.pyc").toString());
        assertThat(sources.sourceFileOf("/x/y.py")).isEqualTo("/x/y.py");
    }
}
