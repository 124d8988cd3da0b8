package dev.pyprobe.reader.elf;

/**
 * One SystemTap SDT (USDT) probe site as recorded in {@code .note.stapsdt}: link-time addresses of
 * the probe instruction ({@code pc}), of {@code .stapsdt.base} when the note was written
 * ({@code base}) and of the probe's semaphore (0 when it has none), and the argument
 * descriptions left unparsed (for example {@code 8@%rbp 8@%r12 -4@%eax}).
 */
public record StapsdtNote(String provider, String name, long pc, long base, long semaphore, String arguments) {

    public boolean hasSemaphore() {
        return semaphore != 0;
    }

    /**
     * The note with its addresses moved by the prelink adjustment: if the file was relocated
     * after the note was written (prelink), {@code .stapsdt.base} now sits at
     * {@code actualBase} instead of {@code base}, and every address moved by the difference.
     */
    public StapsdtNote adjustedTo(long actualBase) {
        long delta = actualBase - base;
        return new StapsdtNote(provider, name, pc + delta, actualBase, hasSemaphore() ? semaphore + delta : 0,
                arguments);
    }
}
