package dev.pyprobe.reader.probe.usdt;

import dev.pyprobe.reader.probe.perf.UserRegister;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An x86_64 register as named in an assembler operand ({@code %eax}, {@code %r9b}, {@code %ah}):
 * the full register it is part of and the bit position where it starts (8 for ah/bh/ch/dh).
 */
record OperandRegister(UserRegister register, int shift) {
    private static final Map<String, OperandRegister> NAMES = names();

    static OperandRegister byName(String name) {
        return NAMES.get(name.toLowerCase(Locale.ROOT));
    }

    private static Map<String, OperandRegister> names() {
        Map<String, OperandRegister> m = new HashMap<>();
        legacy(m, UserRegister.AX, "rax", "eax", "ax", "al", "ah");
        legacy(m, UserRegister.BX, "rbx", "ebx", "bx", "bl", "bh");
        legacy(m, UserRegister.CX, "rcx", "ecx", "cx", "cl", "ch");
        legacy(m, UserRegister.DX, "rdx", "edx", "dx", "dl", "dh");
        legacy(m, UserRegister.SI, "rsi", "esi", "si", "sil", null);
        legacy(m, UserRegister.DI, "rdi", "edi", "di", "dil", null);
        legacy(m, UserRegister.BP, "rbp", "ebp", "bp", "bpl", null);
        legacy(m, UserRegister.SP, "rsp", "esp", "sp", "spl", null);
        UserRegister[] numbered = {UserRegister.R8, UserRegister.R9, UserRegister.R10, UserRegister.R11,
            UserRegister.R12, UserRegister.R13, UserRegister.R14, UserRegister.R15};
        for (int i = 0; i < numbered.length; i++) {
            String base = "r" + (i + 8);
            for (String suffix : new String[] {"", "d", "w", "b"}) {
                m.put(base + suffix, new OperandRegister(numbered[i], 0));
            }
        }
        m.put("rip", new OperandRegister(UserRegister.IP, 0));
        return Map.copyOf(m);
    }

    private static void legacy(Map<String, OperandRegister> m, UserRegister r, String q, String d, String w, String b,
            String high) {
        for (String name : new String[] {q, d, w, b}) {
            m.put(name, new OperandRegister(r, 0));
        }
        if (high != null) {
            m.put(high, new OperandRegister(r, 8));
        }
    }
}
