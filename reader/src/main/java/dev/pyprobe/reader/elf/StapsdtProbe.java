package dev.pyprobe.reader.elf;

/**
 * A USDT probe ready for a uprobe: its note (addresses already adjusted for prelink) and the file
 * offsets the kernel wants, the probe instruction's ({@code uprobe offset}) and the semaphore's
 * ({@code ref_ctr_offset}; 0 when the probe has no semaphore, which is also what the kernel takes
 * to mean none).
 */
public record StapsdtProbe(StapsdtNote note, long pcFileOffset, long semaphoreFileOffset) {

    public String provider() {
        return note.provider();
    }

    public String name() {
        return note.name();
    }
}
