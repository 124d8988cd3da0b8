package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.ReadBatch;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.ArrayList;
import java.util.List;

/** Reads dicts by the layout's dict model, and looks str keys up in them. */
public final class DictReader {
    private final RemoteMemory memory;
    private final StringReader strings;
    private final DictLayouts storage;
    private final int used;

    public DictReader(RemoteMemory memory, StringReader strings, Layout.Objects layout) {
        this.memory = memory;
        this.strings = strings;
        this.storage = DictLayouts.forModel(layout.dict(), layout.dictValuesHeader());
        this.used = layout.dictUsed();
    }

    /** Number of items ({@code ma_used}). */
    public long size(long dict) {
        return ObjectHeader.boundedSize(memory.readLong(dict + used), dict);
    }

    /** Entries in storage order (insertion order for 3.6+), at most {@code max}. */
    public List<DictEntry> entries(long dict, int max) {
        return storage.entries(memory, dict, max);
    }

    /**
     * Looks a str key up by comparing names (the target's hashes are salted, so they cannot be
     * computed here); 0 when absent. The keys' headers, with the characters of short names, are
     * read in one batch: a lookup in sys.modules costs one system call, not two per module.
     */
    public long lookup(long dict, String key) {
        List<DictEntry> entries = entries(dict, Integer.MAX_VALUE);
        ReadBatch batch = new ReadBatch();
        List<ReadBatch.Request> heads = new ArrayList<>(entries.size());
        for (DictEntry e : entries) {
            heads.add(batch.add(e.key(), strings.nameHeadSize()));
        }
        memory.read(batch);
        for (int i = 0; i < entries.size(); i++) {
            DictEntry e = entries.get(i);
            try {
                if (key.equals(strings.keyName(e.key(), heads.get(i)))) {
                    return e.value();
                }
            } catch (MemoryReadException ignored) {
                // A key we cannot read is not the one we look for.
            }
        }
        return 0;
    }
}
