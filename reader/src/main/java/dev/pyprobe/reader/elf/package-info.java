/**
 * Reading the ELF files a CPython process runs from: ELF64 little-endian x86-64 only.
 *
 * <p>{@link dev.pyprobe.reader.elf.ElfFile} reads headers, sections, symbols (by name through
 * {@code .gnu.hash}), notes, the build-id and maps virtual addresses to file offsets, reading
 * lazily and failing only with {@link dev.pyprobe.reader.elf.ElfFormatException} on bad input.
 * {@link dev.pyprobe.reader.elf.StapsdtNotes} turns {@code .note.stapsdt} into USDT probe sites
 * with the file offsets uprobes need. {@link dev.pyprobe.reader.elf.LoadedElf} pairs a file with
 * its load bias in a live process and its symbols ({@link dev.pyprobe.reader.elf.ElfSymbols}),
 * which for a stripped file include those of its separate debug file
 * ({@link dev.pyprobe.reader.elf.DebugFileSearch}). {@link dev.pyprobe.reader.elf.FunctionCode}
 * finds the fragments a compiler split off a function, by their symbols or, in a stripped file,
 * through {@link dev.pyprobe.reader.elf.EhFrame} and the direct jumps of the code.
 */
package dev.pyprobe.reader.elf;
