package dev.pyprobe.reader.proc;

import java.util.List;
import java.util.Optional;

/** The mappings of a process at one moment, in address order. */
public record MemoryMap(List<Mapping> mappings) {

    public MemoryMap {
        mappings = List.copyOf(mappings);
    }

    public static MemoryMap parse(List<String> lines) {
        return new MemoryMap(lines.stream().filter(l -> !l.isBlank()).map(Mapping::parse).toList());
    }

    public Optional<Mapping> find(long address) {
        int lo = 0;
        int hi = mappings.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Mapping m = mappings.get(mid);
            if (Long.compareUnsigned(address, m.start()) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(address, m.end()) >= 0) {
                lo = mid + 1;
            } else {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public boolean isReadable(long address, long length) {
        return find(address).filter(Mapping::readable).map(m -> address + length <= m.end()).orElse(false);
    }

    /** Mappings of a file whose path contains {@code fragment}, e.g. {@code "libpython"}. */
    public List<Mapping> ofFile(String fragment) {
        return mappings.stream().filter(m -> m.path().contains(fragment)).toList();
    }

    /** The mapping of {@code path} at file offset 0: its start is the file's load address. */
    public Optional<Mapping> firstOf(String path) {
        return mappings.stream().filter(m -> m.path().equals(path) && m.fileOffset() == 0).findFirst();
    }
}
