package dev.pyprobe.reader.elf;

import java.util.Optional;
import java.util.stream.LongStream;

/**
 * The direct jumps (jmp, jcc, loop, jrcxz) of a run of x86-64 code, found by decoding it one
 * instruction after another from its first byte. A compiler's functions hold only instructions
 * (jump tables go to read-only data), so this linear decoding reads them exactly as the CPU does;
 * only the length of each instruction is needed, and where a jump leads. Code it cannot decode
 * (an opcode invalid in 64-bit mode, a run that does not end on an instruction boundary) gives
 * no answer rather than a guess.
 */
final class X86Jumps {
    private static final int MAX_LENGTH = 15;

    // What follows each opcode, one character per opcode, 16 per row:
    //   M ModRM   B ModRM, imm8   Z ModRM, imm16/32   T ModRM, imm8 if reg is 0/1 (test)
    //   U ModRM, imm16/32 if reg is 0/1 (test)   n nothing   b imm8   w imm16   z imm16/32
    //   v imm16/32/64 (mov r, imm)   e imm16 and imm8 (enter)   a 32/64-bit address (moffs)
    //   j rel8 jump   J rel32 jump   c rel32 call   p prefix   E two-byte escape (0F)
    //   V VEX or EVEX   R/I three-byte escapes (0F 38 / 0F 3A)   x invalid in 64-bit mode
    private static final String ONE_BYTE = ""
            + "MMMMbzxxMMMMbzxE" // 00: add, or, (push/pop es, cs: invalid)
            + "MMMMbzxxMMMMbzxx" // 10: adc, sbb
            + "MMMMbzpxMMMMbzpx" // 20: and, es:, sub, cs:
            + "MMMMbzpxMMMMbzpx" // 30: xor, ss:, cmp, ds:
            + "pppppppppppppppp" // 40: REX
            + "nnnnnnnnnnnnnnnn" // 50: push, pop
            + "xxVMppppzZbBnnnn" // 60: EVEX, movsxd, fs: gs: 66 67, push, imul, ins/outs
            + "jjjjjjjjjjjjjjjj" // 70: jcc rel8
            + "BZxBMMMMMMMMMMMM" // 80: group 1, test, xchg, mov, lea, pop
            + "nnnnnnnnnnxnnnnn" // 90: xchg, cwd, fwait, pushf, sahf
            + "aaaannnnbznnnnnn" // A0: mov moffs, string ops, test
            + "bbbbbbbbvvvvvvvv" // B0: mov r, imm
            + "BBwnVVBZenwnnbxn" // C0: shifts, ret, VEX, mov imm, enter, leave, int
            + "MMMMxxxnMMMMMMMM" // D0: shifts, xlat, x87
            + "jjjjbbbbcJxjnnnn" // E0: loop, jrcxz, in/out, call, jmp
            + "pnppnnTUnnnnnnMM"; // F0: lock, rep, hlt, group 3, flags, group 4/5
    private static final String TWO_BYTE = ""
            + "MMMMxnnnnnxnxMnB" // 0F 00: system, syscall, ud2, prefetch, 3DNow!
            + "MMMMMMMMMMMMMMMM" // 0F 10: SSE moves, hint nops, endbr
            + "MMMMxxxxMMMMMMMM" // 0F 20: mov cr/dr, SSE
            + "nnnnnnxnRxIxxxxx" // 0F 30: wrmsr, rdtsc, sysenter, three-byte escapes
            + "MMMMMMMMMMMMMMMM" // 0F 40: cmovcc
            + "MMMMMMMMMMMMMMMM" // 0F 50: SSE
            + "MMMMMMMMMMMMMMMM" // 0F 60: SSE
            + "BBBBMMMnMMxxMMMM" // 0F 70: pshuf, shifts by imm, emms
            + "JJJJJJJJJJJJJJJJ" // 0F 80: jcc rel32
            + "MMMMMMMMMMMMMMMM" // 0F 90: setcc
            + "nnnMBMxxnnnMBMMM" // 0F A0: push/pop fs gs, cpuid, bt, shld, shrd, fences, imul
            + "MMMMMMMMMMBMMMMM" // 0F B0: cmpxchg, movzx, popcnt, group 8, bsf, movsx
            + "MMBMBBBMnnnnnnnn" // 0F C0: xadd, cmpps, pinsrw, shufps, group 9, bswap
            + "MMMMMMMMMMMMMMMM" // 0F D0: SSE
            + "MMMMMMMMMMMMMMMM" // 0F E0: SSE
            + "MMMMMMMMMMMMMMMM"; // 0F F0: SSE, ud0

    private X86Jumps() {
    }

    /**
     * The targets of the direct jumps in {@code code[from, to)}, whose first byte is at
     * {@code address}; empty when the bytes do not decode as a whole number of instructions.
     */
    static Optional<long[]> targets(byte[] code, int from, int to, long address) {
        LongStream.Builder targets = LongStream.builder();
        int at = from;
        while (at < to) {
            int length = length(code, at, to, address + (at - from), targets);
            if (length <= 0) {
                return Optional.empty();
            }
            at += length;
        }
        return at == to ? Optional.of(targets.build().toArray()) : Optional.empty();
    }

    /** The length of the instruction at {@code start}, adding its target if it is a direct jump; 0 if undecodable. */
    private static int length(byte[] code, int start, int limit, long address, LongStream.Builder targets) {
        int end = Math.min(limit, start + MAX_LENGTH);
        int at = start;
        boolean operand16 = false;
        boolean address32 = false;
        boolean rexW = false;
        while (at < end && ONE_BYTE.charAt(code[at] & 0xff) == 'p') {
            int prefix = code[at++] & 0xff;
            if ((prefix & 0xf0) == 0x40) {
                rexW = (prefix & 0x08) != 0;
                continue;
            }
            rexW = false; // a REX prefix counts only right before the opcode
            operand16 |= prefix == 0x66;
            address32 |= prefix == 0x67;
        }
        if (at >= end) {
            return 0;
        }
        int opcode = code[at++] & 0xff;
        char kind = ONE_BYTE.charAt(opcode);
        if (kind == 'E') {
            if (at >= end) {
                return 0;
            }
            char escaped = TWO_BYTE.charAt(code[at++] & 0xff);
            kind = escaped == 'R' ? 'M' : escaped == 'I' ? 'B' : escaped;
            if (escaped == 'R' || escaped == 'I') {
                at++; // the third opcode byte
            }
        } else if (kind == 'V') {
            int map;
            if (opcode == 0xc5) {
                map = 1;
                at += 1;
            } else {
                if (at >= end) {
                    return 0;
                }
                map = code[at] & (opcode == 0x62 ? 0x07 : 0x1f);
                at += opcode == 0x62 ? 3 : 2;
            }
            if (at >= end) {
                return 0;
            }
            kind = vexKind(map, code[at++] & 0xff);
        }
        int immediate = operand16 && !rexW ? 2 : 4; // REX.W wins over 66, and keeps an imm32
        int size;
        switch (kind) {
            case 'n':
                size = 0;
                break;
            case 'b':
            case 'j':
                size = 1;
                break;
            case 'w':
                size = 2;
                break;
            case 'e':
                size = 3;
                break;
            case 'z':
            case 'J':
            case 'c':
                size = kind == 'z' ? immediate : 4;
                break;
            case 'v':
                size = rexW ? 8 : immediate;
                break;
            case 'a':
                size = address32 ? 4 : 8;
                break;
            case 'M':
            case 'B':
            case 'Z':
            case 'T':
            case 'U':
                if (at >= end) {
                    return 0;
                }
                int reg = (code[at] >> 3) & 7;
                int modrm = modrmLength(code, at, end);
                if (modrm == 0) {
                    return 0;
                }
                at += modrm;
                size = kind == 'B' || kind == 'T' && reg < 2 ? 1 : kind == 'Z' || kind == 'U' && reg < 2 ? immediate : 0;
                break;
            default:
                return 0;
        }
        int length = at + size - start;
        if (at + size > end) {
            return 0;
        }
        if (kind == 'j' || kind == 'J') {
            long displacement = kind == 'j' ? code[at] : (long) LittleEndian.u32(code, at) << 32 >> 32;
            targets.add(address + length + displacement);
        }
        return length;
    }

    /**
     * What follows a VEX or EVEX instruction's opcode: map 1 (0F) has ModRM, and an imm8 where
     * its legacy form has one (vzeroupper has neither); map 2 (0F 38) ModRM; map 3 (0F 3A)
     * ModRM and imm8; maps 5 and 6 (EVEX, FP16) ModRM.
     */
    private static char vexKind(int map, int opcode) {
        switch (map) {
            case 1:
                char legacy = TWO_BYTE.charAt(opcode);
                return opcode == 0x77 ? 'n' : legacy == 'B' ? 'B' : legacy == 'M' ? 'M' : 'x';
            case 2:
            case 5:
            case 6:
                return 'M';
            case 3:
                return 'B';
            default:
                return 'x';
        }
    }

    /** Bytes taken by the ModRM byte at {@code at}, its SIB byte and displacement; 0 past {@code end}. */
    private static int modrmLength(byte[] code, int at, int end) {
        int modrm = code[at] & 0xff;
        int mod = modrm >> 6;
        int rm = modrm & 7;
        int length = 1;
        if (mod != 3) {
            if (rm == 4) {
                if (at + 1 >= end) {
                    return 0;
                }
                length++;
                if (mod == 0 && (code[at + 1] & 7) == 5) {
                    length += 4; // no base: a 32-bit displacement
                }
            } else if (mod == 0 && rm == 5) {
                length += 4; // RIP-relative
            }
            length += mod == 1 ? 1 : mod == 2 ? 4 : 0;
        }
        return at + length <= end ? length : 0;
    }
}
