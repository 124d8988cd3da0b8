package dev.pyprobe.reader.elf;

import static dev.pyprobe.reader.elf.ImageWriter.putInt;
import static dev.pyprobe.reader.elf.ImageWriter.putLong;
import static dev.pyprobe.reader.elf.ImageWriter.putShort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pyprobe.reader.ReaderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that are not what the reader supports get an error that names the file and the reason. */
@Timeout(20)
class ElfFileBadInputTest {
    private static final Path SMALL = InstalledPythons.pyenvPython("3.12.1");

    @TempDir
    Path dir;

    @Test
    void missingFileIsAReadErrorNotAFormatError() {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> ElfFile.open(missing))
                .isInstanceOf(ReaderException.class)
                .isNotInstanceOf(ElfFormatException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("no such file");
    }

    @Test
    void directoryAndFifoAreRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        for (Path p : List.of(dir, fifo)) {
            assertThatThrownBy(() -> ElfFile.open(p))
                    .isInstanceOf(ElfFormatException.class)
                    .hasMessageContaining(p.toString()).hasMessageContaining("not a regular file");
        }
    }

    @Test
    void emptyAndTextFilesAreNotElf() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty"));
        assertThatThrownBy(() -> ElfFile.open(empty)).isInstanceOf(ElfFormatException.class)
                .hasMessageContaining("too short to be an ELF file (0 bytes)");
        Path script = Files.writeString(dir.resolve("script.py"), "#!/usr/bin/env python3\n" + "print('hi')\n".repeat(20));
        assertThatThrownBy(() -> ElfFile.open(script)).isInstanceOf(ElfFormatException.class)
                .hasMessageContaining(script.toString()).hasMessageContaining("not an ELF file (bad magic)");
    }

    @Test
    void otherClassesByteOrdersAndMachinesAreNamed() throws IOException {
        assertRejected(patched(4, 1), "not a 64-bit ELF file (EI_CLASS=1)");
        assertRejected(patched(5, 2), "not little-endian (EI_DATA=2)");
        assertRejected(patchedShort(18, 183), "built for machine 183; only x86-64 (62) is supported");
        assertRejected(patchedShort(16, 9), "unknown object type e_type=9");
    }

    @Test
    void truncatedFileSaysWhatLiesOutsideIt() throws IOException {
        byte[] image = Files.readAllBytes(SMALL);
        Path cut = Files.write(dir.resolve("cut"), Arrays.copyOf(image, image.length / 2));
        assertThatThrownBy(() -> ElfFile.open(cut)).isInstanceOf(ElfFormatException.class)
                .hasMessageContaining(cut.toString())
                .hasMessageContaining("lies outside the file of " + image.length / 2 + " bytes");
    }

    /** A reader thread that gets interrupted must not break the file for the next lookups. */
    @Test
    void interruptedThreadDoesNotCloseTheFile() {
        try (ElfFile elf = ElfFile.open(InstalledPythons.DEBIAN_PYTHON)) {
            Thread.currentThread().interrupt();
            try {
                assertThat(elf.findSymbol("_PyRuntime")).isPresent();
            } finally {
                Thread.interrupted();
            }
            assertThat(elf.buildId()).isPresent();
            assertThat(StapsdtNotes.read(elf)).isNotEmpty();
        }
    }

    /**
     * ELF extended numbering: e_shnum = 0, e_phnum = PN_XNUM and e_shstrndx = SHN_XINDEX move the
     * real values into section header 0. The same file written that way reads the same.
     */
    @Test
    void extendedNumberingReadsLikeTheOriginal() throws IOException {
        byte[] image = Files.readAllBytes(SMALL);
        try (ElfFile original = ElfFile.parse(image.clone(), "original")) {
            long shoff = LittleEndian.u64(image, 40);
            int section0 = (int) shoff;
            putLong(image, section0 + 32, original.sections().size());
            putInt(image, section0 + 40, original.section(".shstrtab").orElseThrow().index());
            putInt(image, section0 + 44, original.programHeaders().size());
            putShort(image, 56, 0xffff);
            putShort(image, 60, 0);
            putShort(image, 62, 0xffff);
            try (ElfFile extended = ElfFile.parse(image, "extended numbering")) {
                assertThat(extended.programHeaders()).isEqualTo(original.programHeaders());
                assertThat(extended.sections()).extracting(ElfSection::name)
                        .isEqualTo(original.sections().stream().map(ElfSection::name).toList());
                assertThat(extended.findSymbol("main")).isEqualTo(original.findSymbol("main")).isPresent();
            }
        }
    }

    private static byte[] patched(int offset, int value) throws IOException {
        byte[] image = Files.readAllBytes(SMALL);
        image[offset] = (byte) value;
        return image;
    }

    private static byte[] patchedShort(int offset, int value) throws IOException {
        byte[] image = Files.readAllBytes(SMALL);
        putShort(image, offset, value);
        return image;
    }

    private void assertRejected(byte[] image, String reason) throws IOException {
        Path file = Files.write(dir.resolve("patched"), image);
        assertThatThrownBy(() -> ElfFile.open(file)).isInstanceOf(ElfFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(reason);
    }

}
