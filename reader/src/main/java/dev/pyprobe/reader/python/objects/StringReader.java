package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.ReadBatch;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Reads str, bytes and (Python 2) unicode objects by the layout's string model: Python 2's
 * pointer to a UCS4 buffer, or PEP 393's 1, 2 or 4 bytes a character after a header whose size
 * the layout gives.
 */
public final class StringReader {
    /** Characters of a name read together with its header: names are short. */
    private static final int INLINE_NAME_BYTES = 64;
    /** PEP 393: {@code state} follows {@code length} and {@code hash} in every version. */
    private static final int PEP393_STATE = 32;
    private static final int STATE_COMPACT = 1 << 5;
    private static final int STATE_ASCII = 1 << 6;
    /** PEP 393: a pointer (legacy str's data, or a compact str's {@code utf8} cache) is 8 bytes. */
    private static final int POINTER = 8;
    /** Python 2's {@code PyUnicodeObject}: {@code length}, then {@code str}, the buffer pointer. */
    private static final int PY2_UNICODE_BUFFER = 24;
    private static final int PY2_UNICODE_HEADER = 32;
    /** Python 2 builds here store {@code Py_UNICODE} as UCS4. */
    private static final int PY2_UNICODE_WIDTH = 4;
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    /** A decoded string and whether it was cut at the limit. */
    public record Text(String value, long length, boolean truncated) {
    }

    /** A bytes object (Python 2: str), cut at the limit. */
    public record Bytes(byte[] value, long length, boolean truncated) {
    }

    private final RemoteMemory memory;
    private final TypeCache types;
    private final Layout.StringModel model;
    private final int asciiHeader;
    private final int compactHeader;
    private final int bytesData;

    public StringReader(RemoteMemory memory, TypeCache types, Layout.Objects layout) {
        this.memory = memory;
        this.types = types;
        this.model = layout.strings();
        this.asciiHeader = layout.strAsciiHeader();
        this.compactHeader = layout.strCompactHeader();
        this.bytesData = layout.bytesData();
    }

    /** A str (unicode) object, cut at {@code maxChars}. */
    public Text text(long address, int maxChars) {
        return switch (model) {
            case PY2 -> py2Unicode(address, maxChars);
            case PEP393 -> pep393(address, headerWithInlineData(address), maxChars);
        };
    }

    /** A name (code, function, attribute, key): str in Python 3, str or unicode in Python 2. */
    public String name(long address) {
        if (model == Layout.StringModel.PY2 && types.kindOf(address) == BuiltinKind.BYTES) {
            Bytes b = bytes(address, ReadLimits.MAX_NAME_CHARS);
            return new String(b.value(), StandardCharsets.UTF_8);
        }
        return text(address, ReadLimits.MAX_NAME_CHARS).value();
    }

    /**
     * Bytes to read at a dict key so that {@link #keyName} can decode a short str name without
     * another read. Python 2's names are decoded by {@link #name}, so only their type is needed.
     */
    int nameHeadSize() {
        return switch (model) {
            case PY2 -> ObjectHeader.OB_TYPE + 8;
            case PEP393 -> compactHeader + POINTER + INLINE_NAME_BYTES;
        };
    }

    /** The key's name if it is a str (or a Python 2 str), from its prefetched head when it can; else null. */
    String keyName(long key, ReadBatch.Request head) {
        if (head.failed()) {
            return isName(types.kindOf(key)) ? name(key) : null;
        }
        RemoteBytes h = head.bytes();
        BuiltinKind kind = types.kindOf(key, h.i64(ObjectHeader.OB_TYPE));
        if (kind == BuiltinKind.STR && model == Layout.StringModel.PEP393) {
            return pep393(key, h, ReadLimits.MAX_NAME_CHARS).value();
        }
        return isName(kind) ? name(key) : null;
    }

    private static boolean isName(BuiltinKind kind) {
        return kind == BuiltinKind.STR || kind == BuiltinKind.BYTES;
    }

    /**
     * Where the UTF-8 bytes that {@code PyUnicode_AsUTF8} (Python 2: {@code PyString_AsString})
     * returns for this string live: inside a compact ASCII str, else in the buffer the str caches
     * once encoded. Empty when a non-ASCII str has not been encoded yet.
     */
    public OptionalLong utf8Address(long address) {
        return switch (model) {
            case PY2 -> OptionalLong.of(bytesData(address));
            case PEP393 -> pep393Utf8(address);
        };
    }

    private OptionalLong pep393Utf8(long address) {
        RemoteBytes h = memory.bytesAt(address, asciiHeader + 2 * POINTER);
        long state = h.u32(PEP393_STATE);
        if ((state & STATE_COMPACT) != 0 && (state & STATE_ASCII) != 0) {
            return OptionalLong.of(address + asciiHeader);
        }
        long utf8 = h.i64(asciiHeader + POINTER); // PyCompactUnicodeObject: utf8_length, then utf8
        return utf8 == 0 ? OptionalLong.empty() : OptionalLong.of(utf8);
    }

    /** Decodes a str from its header {@code h} (read at {@code address}), reading more only if needed. */
    private Text pep393(long address, RemoteBytes h, int maxChars) {
        long length = h.i64(ObjectHeader.OB_SIZE);
        long state = h.u32(PEP393_STATE);
        int kind = (int) ((state >> 2) & 7);
        boolean compact = (state & STATE_COMPACT) != 0;
        boolean ascii = (state & STATE_ASCII) != 0;
        if (length < 0 || (kind != 1 && kind != 2 && kind != 4)) {
            throw new MemoryReadException(address, 0, "not a str object (length " + length + ", kind " + kind + ")");
        }
        long data = compact ? address + (ascii ? asciiHeader : compactHeader) : h.i64(compactHeader);
        int chars = (int) Math.min(length, maxChars);
        byte[] raw = h.covers(data, chars * kind) ? h.slice((int) (data - address), chars * kind)
                : memory.read(data, chars * kind);
        Charset cs = kind == 1 ? StandardCharsets.ISO_8859_1 : kind == 2 ? StandardCharsets.UTF_16LE : UTF_32LE;
        return new Text(new String(raw, cs), length, chars < length);
    }

    /**
     * Names are short and compact strings keep their characters right after the header: read
     * both at once, which halves the system calls of reading a name. Near the end of a mapping
     * the longer read can fail; then the header alone is read.
     */
    private RemoteBytes headerWithInlineData(long address) {
        int headerSize = compactHeader + POINTER;
        try {
            return memory.bytesAt(address, headerSize + INLINE_NAME_BYTES);
        } catch (MemoryReadException e) {
            return memory.bytesAt(address, headerSize);
        }
    }

    private Text py2Unicode(long address, int maxChars) {
        RemoteBytes h = memory.bytesAt(address, PY2_UNICODE_HEADER);
        long length = h.i64(ObjectHeader.OB_SIZE);
        if (length < 0) {
            throw new MemoryReadException(address, 0, "not a unicode object");
        }
        int chars = (int) Math.min(length, maxChars);
        byte[] raw = memory.read(h.i64(PY2_UNICODE_BUFFER), chars * PY2_UNICODE_WIDTH);
        return new Text(new String(raw, UTF_32LE), length, chars < length);
    }

    /** A bytes object (Python 2: str), cut at {@code maxBytes}. */
    public Bytes bytes(long address, int maxBytes) {
        long length = memory.readLong(address + ObjectHeader.OB_SIZE);
        if (length < 0) {
            throw new MemoryReadException(address, 0, "not a bytes object");
        }
        int n = (int) Math.min(length, maxBytes);
        return new Bytes(memory.read(bytesData(address), n), length, n < length);
    }

    /** Address of the first byte of a bytes object's data. */
    public long bytesData(long address) {
        return address + bytesData;
    }
}
