package dev.pyprobe.reader.probe.perf;

/**
 * Where a uprobe goes: a file (as this process can open it, e.g. through /proc/PID/root), the
 * file offset of the instruction, and optionally the file offset of a 2-byte semaphore the kernel
 * raises while the probe is installed in a process and lowers when it is removed.
 */
public record UprobeTarget(String path, long fileOffset, long semaphoreFileOffset, boolean returnProbe) {
    public UprobeTarget {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("uprobe needs a file path");
        }
        if (fileOffset < 0 || semaphoreFileOffset < 0 || semaphoreFileOffset > 0xffffffffL) {
            throw new IllegalArgumentException("uprobe offsets out of range: pc 0x" + Long.toHexString(fileOffset)
                    + ", semaphore 0x" + Long.toHexString(semaphoreFileOffset));
        }
    }

    public static UprobeTarget at(String path, long fileOffset) {
        return new UprobeTarget(path, fileOffset, 0, false);
    }

    public static UprobeTarget withSemaphore(String path, long fileOffset, long semaphoreFileOffset) {
        return new UprobeTarget(path, fileOffset, semaphoreFileOffset, false);
    }

    @Override
    public String toString() {
        return "uprobe " + path + "+0x" + Long.toHexString(fileOffset)
                + (semaphoreFileOffset != 0 ? " (semaphore at +0x" + Long.toHexString(semaphoreFileOffset) + ")" : "");
    }
}
