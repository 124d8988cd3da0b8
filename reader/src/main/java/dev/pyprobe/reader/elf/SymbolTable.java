package dev.pyprobe.reader.elf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A symbol table section with its string table. Names are decoded only for the symbols asked
 * for; a lookup by name compares raw bytes, through the GNU hash table when there is one.
 */
final class SymbolTable {
    static final int ENTRY_SIZE = 24;

    private final SymbolTableKind kind;
    private final byte[] entries;
    private final StringTable names;
    private final GnuHashTable hash;
    private final int count;

    /** @param hash the table's {@code .gnu.hash}, or null to search linearly */
    SymbolTable(SymbolTableKind kind, byte[] entries, StringTable names, GnuHashTable hash) {
        this.kind = kind;
        this.entries = entries;
        this.names = names;
        this.hash = hash;
        this.count = entries.length / ENTRY_SIZE;
    }

    /** Whether lookups by name go through a GNU hash table rather than a linear scan. */
    boolean hashed() {
        return hash != null;
    }

    int count() {
        return count;
    }

    ElfSymbol symbol(int index) {
        int at = index * ENTRY_SIZE;
        int info = LittleEndian.u8(entries, at + 4);
        return new ElfSymbol(names.at(nameOffset(index)), LittleEndian.u64(entries, at + 8),
                LittleEndian.u64(entries, at + 16), SymbolType.fromCode(info & 0xf),
                SymbolBinding.fromCode(info >>> 4), sectionIndex(index), kind);
    }

    List<ElfSymbol> all() {
        List<ElfSymbol> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(symbol(i));
        }
        return out;
    }

    /**
     * A defined symbol named {@code name}. With a hash table, the hashed symbols are searched
     * through it and the few below its first hashed index (locals) by a scan.
     */
    Optional<ElfSymbol> findDefined(byte[] name) {
        int index;
        if (hash == null) {
            index = scan(name, count);
        } else {
            index = hash.find(name, count, i -> nameIs(i, name), this::defined);
            if (index < 0) {
                index = scan(name, (int) Math.min(hash.symbolOffset(), count));
            }
        }
        return index < 0 ? Optional.empty() : Optional.of(symbol(index));
    }

    /** Linear search of the whole table, also used by tests to check the hash path. */
    int scan(byte[] name) {
        return scan(name, count);
    }

    private int scan(byte[] name, int end) {
        for (int i = 0; i < end; i++) {
            if (defined(i) && nameIs(i, name)) {
                return i;
            }
        }
        return -1;
    }

    private boolean nameIs(int index, byte[] name) {
        return names.equalsAt(nameOffset(index), name);
    }

    private boolean defined(int index) {
        return sectionIndex(index) != ElfSymbol.SHN_UNDEF;
    }

    private long nameOffset(int index) {
        return LittleEndian.u32(entries, index * ENTRY_SIZE);
    }

    private int sectionIndex(int index) {
        return LittleEndian.u16(entries, index * ENTRY_SIZE + 6);
    }
}
