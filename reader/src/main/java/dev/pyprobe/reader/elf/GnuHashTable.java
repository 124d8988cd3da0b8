package dev.pyprobe.reader.elf;

import java.util.function.IntPredicate;

/**
 * The {@code .gnu.hash} section of a dynamic symbol table, used to find a symbol by name without
 * reading every name. Layout (ELF64): nbuckets, symoffset, bloom_size, bloom_shift (u32 each),
 * bloom words (u64), buckets (u32), then one u32 chain entry per symbol from symoffset on, whose
 * low bit marks the end of a chain. Only symbols the dynamic linker can resolve are hashed.
 */
final class GnuHashTable {
    private static final int HEADER = 16;

    private final byte[] data;
    private final String where;
    private final long bucketCount;
    private final long symbolOffset;
    private final long bloomSize;
    private final long bloomShift;
    private final int bucketsStart;
    private final int chainsStart;

    GnuHashTable(byte[] data, String where) {
        this.data = data;
        this.where = where;
        if (data.length < HEADER) {
            throw new ElfFormatException(where + ": GNU hash table of " + data.length + " bytes has no header");
        }
        bucketCount = LittleEndian.u32(data, 0);
        symbolOffset = LittleEndian.u32(data, 4);
        bloomSize = LittleEndian.u32(data, 8);
        bloomShift = LittleEndian.u32(data, 12);
        long buckets = HEADER + bloomSize * 8;
        long chains = buckets + bucketCount * 4;
        if (chains > data.length) {
            throw new ElfFormatException(where + ": GNU hash table claims " + bucketCount + " buckets and "
                    + bloomSize + " bloom words, more than its " + data.length + " bytes");
        }
        if (bucketCount > 0 && bloomSize == 0) {
            throw new ElfFormatException(where + ": GNU hash table has buckets but no bloom filter");
        }
        bucketsStart = (int) buckets;
        chainsStart = (int) chains;
    }

    /** Index of the first hashed symbol; those below it can only be found by scanning. */
    long symbolOffset() {
        return symbolOffset;
    }

    static int hash(byte[] name) {
        int h = 5381;
        for (byte b : name) {
            h = h * 33 + (b & 0xff);
        }
        return h;
    }

    /**
     * Index of the first hashed symbol below {@code symbolCount} named {@code name} for which
     * {@code accept} holds, or -1.
     *
     * @param nameMatches tells whether the symbol at an index is named {@code name}
     */
    int find(byte[] name, int symbolCount, IntPredicate nameMatches, IntPredicate accept) {
        if (bucketCount == 0) {
            return -1;
        }
        long h = hash(name) & 0xffff_ffffL;
        long word = LittleEndian.u64(data, HEADER + (int) ((h / 64) % bloomSize) * 8);
        long mask = (1L << (h % 64)) | (1L << ((h >>> Math.min(bloomShift, 63)) % 64));
        if ((word & mask) != mask) {
            return -1;
        }
        long first = LittleEndian.u32(data, bucketsStart + (int) (h % bucketCount) * 4);
        if (first < symbolOffset) {
            return -1;
        }
        for (long i = first; i < symbolCount; i++) {
            long chainEntry = chainsStart + (i - symbolOffset) * 4;
            if (chainEntry + 4 > data.length) {
                throw new ElfFormatException(where + ": GNU hash chain runs past the end of the table");
            }
            long h2 = LittleEndian.u32(data, (int) chainEntry);
            if ((h | 1) == (h2 | 1) && nameMatches.test((int) i) && accept.test((int) i)) {
                return (int) i;
            }
            if ((h2 & 1) != 0) {
                break;
            }
        }
        return -1;
    }
}
