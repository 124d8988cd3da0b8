package dev.pyprobe.reader.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StapsdtNotesTest {
    private static final Path PYTHON = InstalledPythons.DEBIAN_PYTHON;
    /** What sys/sdt.h places at every probe site. */
    private static final int NOP = 0x90;

    @Test
    void notesOfDebianPythonMatchReadelf() {
        List<Readelf.Note> expected = Readelf.notes(PYTHON).stream().filter(n -> n.owner().equals("stapsdt")).toList();
        try (ElfFile elf = ElfFile.open(PYTHON)) {
            List<StapsdtNote> notes = StapsdtNotes.read(elf);
            assertThat(notes).extracting(StapsdtNote::name).contains("function__entry", "function__return", "line");
            assertThat(notes).hasSameSizeAs(expected);
            for (int i = 0; i < notes.size(); i++) {
                StapsdtNote n = notes.get(i);
                Readelf.Note r = expected.get(i);
                assertThat(n.provider()).isEqualTo(r.fields().get("Provider"));
                assertThat(n.name()).isEqualTo(r.fields().get("Name"));
                assertThat(Long.toHexString(n.pc())).isEqualTo(r.fields().get("Location").replaceFirst("^0+", ""));
                assertThat(Long.toHexString(n.base())).isEqualTo(r.fields().get("Base").replaceFirst("^0+", ""));
                assertThat(Long.toHexString(n.semaphore()))
                        .isEqualTo(r.fields().get("Semaphore").replaceFirst("^0+", ""));
                assertThat(n.arguments()).isEqualTo(r.fields().get("Arguments"));
            }
        }
    }

    /** The pyenv builds have no probes; the reader must agree with readelf on that too. */
    @ParameterizedTest
    @MethodSource("dev.pyprobe.reader.elf.InstalledPythons#allElfFiles")
    void probeCountMatchesReadelf(Path file) {
        long expected = Readelf.notes(file).stream().filter(n -> n.owner().equals("stapsdt")).count();
        try (ElfFile elf = ElfFile.open(file)) {
            assertThat(StapsdtNotes.read(elf)).hasSize((int) expected);
        }
    }

    @Test
    void probesPointAtNopsAndSemaphoresIntoTheProbesSection() throws IOException {
        try (ElfFile elf = ElfFile.open(PYTHON); RandomAccessFile raw = new RandomAccessFile(PYTHON.toFile(), "r")) {
            ElfSection probes = elf.section(".probes").orElseThrow();
            List<StapsdtProbe> located = StapsdtNotes.locate(elf);
            assertThat(located).isNotEmpty();
            for (StapsdtProbe p : located) {
                raw.seek(p.pcFileOffset());
                assertThat(raw.read()).as("instruction at the probe site of %s", p.name()).isEqualTo(NOP);
                assertThat(p.note().hasSemaphore()).isTrue();
                long inSection = p.semaphoreFileOffset() - probes.offset();
                assertThat(inSection).as(p.name()).isBetween(0L, probes.size() - 2)
                        .isEqualTo(p.note().semaphore() - probes.address());
                raw.seek(p.semaphoreFileOffset());
                assertThat(raw.readShort()).as("semaphore of %s starts at zero", p.name()).isZero();
            }
        }
    }

    /** Here .stapsdt.base is where the notes say, so the adjustment must change nothing. */
    @Test
    void unprelinkedFileNeedsNoAdjustment() {
        try (ElfFile elf = ElfFile.open(PYTHON)) {
            long base = StapsdtNotes.baseAddress(elf).orElseThrow();
            assertThat(StapsdtNotes.read(elf)).allSatisfy(n -> assertThat(n.base()).isEqualTo(base));
            assertThat(StapsdtNotes.readAdjusted(elf)).isEqualTo(StapsdtNotes.read(elf));
        }
    }

    /**
     * Simulates prelink: the same file with the .stapsdt.base section header moved, as if the
     * file had been relocated after the notes were written; the notes' addresses are then stale by
     * the same distance. (Moved down: the last semaphore is 2 bytes before the end of the file
     * bytes of the data segment, so moving up would push it into .bss.)
     */
    @Test
    void movedStapsdtBaseMovesProbeAddressesAndOffsets() throws IOException {
        byte[] image = Files.readAllBytes(PYTHON);
        long shift = -0x40;
        long baseAddress;
        List<StapsdtProbe> before;
        try (ElfFile elf = ElfFile.parse(image, "python3.11 copy")) {
            before = StapsdtNotes.locate(elf);
            ElfSection base = elf.section(".stapsdt.base").orElseThrow();
            baseAddress = base.address();
            long shoff = LittleEndian.u64(image, 40);
            int addrField = (int) (shoff + base.index() * 64L + 16);
            ImageWriter.putLong(image, addrField, baseAddress + shift);
        }
        try (ElfFile moved = ElfFile.parse(image, "python3.11 with .stapsdt.base moved")) {
            assertThat(StapsdtNotes.baseAddress(moved)).hasValue(baseAddress + shift);
            List<StapsdtProbe> after = StapsdtNotes.locate(moved);
            assertThat(after).hasSameSizeAs(before);
            for (int i = 0; i < after.size(); i++) {
                StapsdtNote was = before.get(i).note();
                StapsdtNote now = after.get(i).note();
                assertThat(now.pc()).isEqualTo(was.pc() + shift);
                assertThat(now.semaphore()).isEqualTo(was.semaphore() + shift);
                assertThat(now.base()).isEqualTo(baseAddress + shift);
                assertThat(after.get(i).pcFileOffset()).isEqualTo(before.get(i).pcFileOffset() + shift);
                assertThat(after.get(i).semaphoreFileOffset()).isEqualTo(before.get(i).semaphoreFileOffset() + shift);
            }
        }
    }

    @Test
    void noteWithoutSemaphoreKeepsZero() {
        StapsdtNote note = new StapsdtNote("p", "n", 0x1000, 0x2000, 0, "");
        assertThat(note.adjustedTo(0x2100)).isEqualTo(new StapsdtNote("p", "n", 0x1100, 0x2100, 0, ""));
    }
}
