package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.Mapping;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import java.util.Optional;

/**
 * Reads frames in blocks. 3.11+ frames sit next to each other on the thread's data stack, older
 * frames at lower addresses, so one read of the block that ends at the innermost frame usually
 * brings the whole stack in. Frame objects (up to 3.10) are separate heap objects: one read each.
 */
final class FrameWindow {
    private static final int WINDOW = 16 * 1024;

    private final RemoteMemory memory;
    private final MemoryMap maps;
    private final int headerSize;
    private final boolean contiguous;
    private RemoteBytes current;

    FrameWindow(RemoteMemory memory, MemoryMap maps, int headerSize, boolean contiguous) {
        this.memory = memory;
        this.maps = maps;
        this.headerSize = headerSize;
        this.contiguous = contiguous;
    }

    RemoteBytes at(long address) {
        if (current != null && current.covers(address, headerSize)) {
            return current;
        }
        if (contiguous) {
            Optional<Mapping> m = maps.find(address);
            if (m.isPresent() && m.get().readable() && address + headerSize <= m.get().end()) {
                long start = Math.max(m.get().start(), address + headerSize - WINDOW);
                try {
                    current = memory.bytesAt(start, (int) (address + headerSize - start));
                    return current;
                } catch (MemoryReadException e) {
                    // The maps may be stale; fall back to reading just this frame.
                }
            }
        }
        current = memory.bytesAt(address, headerSize);
        return current;
    }
}
