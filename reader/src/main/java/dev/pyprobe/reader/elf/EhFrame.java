package dev.pyprobe.reader.elf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The code a file's {@code .eh_frame} describes. The unwinder needs a record (FDE) for every
 * function and for every fragment of one, so stripping keeps them all: in a stripped file they
 * delimit code that no symbol left names. GCC moves a function's unlikely blocks into a fragment
 * placed far away ({@code f.cold} in a symbol table); the fragment's FDE starts with f's frame
 * already set up, while a function's starts as its caller left it (the CIE's state: CFA at rsp+8,
 * only the return address saved). That is how a fragment is told from a function without symbols.
 */
public final class EhFrame {
    private static final long EXTENDED_LENGTH = 0xffff_ffffL;
    private static final int DW_EH_PE_OMIT = 0xff;
    private static final int DW_EH_PE_PCREL = 0x10;
    private static final int DW_CFA_NOP = 0x00;
    private static final int DW_CFA_SET_LOC = 0x01;
    private static final int DW_CFA_ADVANCE_LOC4 = 0x04;
    private static final int DW_CFA_GNU_ARGS_SIZE = 0x2e;
    private static final int DW_CFA_ADVANCE_LOC = 0x40;
    private static final int DW_CFA_PRIMARY_MASK = 0xc0;

    /** One FDE: the code it covers, and whether that code is entered mid-function (a fragment). */
    public record Entry(CodeRange code, boolean fragment) {
    }

    /** What an FDE needs from its CIE: how its addresses are encoded and whether it has augmentation data. */
    private record Cie(int pointerEncoding, boolean augmentationData) {
    }

    private final byte[] bytes;
    private final long address;
    private final String where;
    private final Map<Integer, Cie> cies = new HashMap<>();

    private EhFrame(byte[] bytes, long address, String where) {
        this.bytes = bytes;
        this.address = address;
        this.where = where;
    }

    /** Every FDE of the file that covers code, in file order; empty when it has no {@code .eh_frame}. */
    public static List<Entry> entries(ElfFile elf) {
        Optional<ElfSection> section = elf.section(".eh_frame");
        if (section.isEmpty()) {
            return List.of();
        }
        return new EhFrame(elf.sectionBytes(section.get()), section.get().address(),
                elf.description() + ": .eh_frame").parse();
    }

    private List<Entry> parse() {
        List<Entry> out = new ArrayList<>();
        int at = 0;
        while (bytes.length - at >= 4) {
            ByteCursor header = new ByteCursor(bytes, at, bytes.length, where);
            long length = header.u32();
            if (length == 0) {
                break; // the terminator
            }
            if (length == EXTENDED_LENGTH) {
                length = header.u64();
            }
            int body = header.position();
            if (length < 4 || length > bytes.length - body) {
                throw header.error("record at offset " + at + " claims " + length + " bytes");
            }
            int end = body + (int) length;
            ByteCursor record = new ByteCursor(bytes, body, end, where);
            long cieDistance = record.u32();
            if (cieDistance != 0) {
                fde(record, cie(body - (int) cieDistance)).ifPresent(out::add);
            }
            at = end;
        }
        return out;
    }

    /** The CIE at {@code at}, read once. */
    private Cie cie(int at) {
        Cie known = cies.get(at);
        if (known != null) {
            return known;
        }
        if (at < 0 || at > bytes.length - 8) {
            throw new ElfFormatException(where + ": an FDE points to a CIE at offset " + at + ", outside the section");
        }
        ByteCursor header = new ByteCursor(bytes, at, bytes.length, where);
        long length = header.u32();
        if (length == EXTENDED_LENGTH) {
            length = header.u64();
        }
        int body = header.position();
        if (length < 4 || length > bytes.length - body) {
            throw header.error("CIE at offset " + at + " claims " + length + " bytes");
        }
        ByteCursor record = new ByteCursor(bytes, body, body + (int) length, where);
        if (record.u32() != 0) {
            throw record.error("an FDE points to offset " + at + ", which is not a CIE");
        }
        int version = record.u8();
        String augmentation = record.cString();
        if (augmentation.contains("eh")) {
            record.u64(); // an old GCC's eh_ptr
        }
        record.uleb128(); // code alignment
        record.sleb128(); // data alignment
        if (version == 1) {
            record.u8(); // return address register
        } else {
            record.uleb128();
        }
        int encoding = 0;
        boolean z = augmentation.startsWith("z");
        if (z) {
            long size = record.uleb128();
            int dataEnd = record.position() + (int) Math.min(size, Integer.MAX_VALUE);
            for (char c : augmentation.substring(1).toCharArray()) {
                if (c == 'R') {
                    encoding = record.u8();
                } else if (c == 'P') {
                    value(record, record.u8() & 0x0f); // the personality routine's address: skipped
                } else if (c == 'L') {
                    record.u8(); // the LSDA's encoding
                } else if (c != 'S' && c != 'B') {
                    break; // unknown: the size given above still says where the data ends
                }
            }
            record.skipTo(dataEnd);
        }
        Cie cie = new Cie(encoding, z);
        cies.put(at, cie);
        return cie;
    }

    private Optional<Entry> fde(ByteCursor record, Cie cie) {
        if (cie.pointerEncoding() == DW_EH_PE_OMIT) {
            throw record.error("a CIE gives its FDEs no address");
        }
        long start = pointer(record, cie.pointerEncoding());
        long size = value(record, cie.pointerEncoding() & 0x0f);
        if (cie.augmentationData()) {
            long dataSize = record.uleb128();
            record.skipTo((int) Math.min(record.position() + dataSize, Integer.MAX_VALUE));
        }
        if (size == 0) {
            return Optional.empty(); // left by the linker for code it discarded
        }
        return Optional.of(new Entry(new CodeRange(start, start + size), startsInsideAFrame(record)));
    }

    /**
     * Whether the FDE's first row differs from its CIE's: an instruction that changes a rule
     * before the first advance of the location (padding and GNU_args_size change none).
     */
    private static boolean startsInsideAFrame(ByteCursor instructions) {
        while (!instructions.atEnd()) {
            int op = instructions.u8();
            if (op == DW_CFA_NOP) {
                continue;
            }
            if (op == DW_CFA_GNU_ARGS_SIZE) {
                instructions.uleb128();
                continue;
            }
            boolean advance = (op & DW_CFA_PRIMARY_MASK) == DW_CFA_ADVANCE_LOC
                    || op >= DW_CFA_SET_LOC && op <= DW_CFA_ADVANCE_LOC4;
            return !advance;
        }
        return false;
    }

    /** An encoded address: its value, plus the field's own address when pc-relative. */
    private long pointer(ByteCursor record, int encoding) {
        long fieldAddress = address + record.position();
        long v = value(record, encoding & 0x0f);
        switch (encoding & 0x70) {
            case 0:
                return v;
            case DW_EH_PE_PCREL:
                return v + fieldAddress;
            default:
                throw record.error("pointer encoding 0x" + Integer.toHexString(encoding) + " is not supported");
        }
    }

    private static long value(ByteCursor record, int format) {
        switch (format) {
            case 0x00:
            case 0x04:
            case 0x0c:
                return record.u64();
            case 0x01:
                return record.uleb128();
            case 0x02:
                return record.u16();
            case 0x03:
                return record.u32();
            case 0x09:
                return record.sleb128();
            case 0x0a:
                return (short) record.u16();
            case 0x0b:
                return (int) record.u32();
            default:
                throw record.error("value format 0x" + Integer.toHexString(format) + " is not a DWARF pointer format");
        }
    }
}
