package dev.pyprobe.reader.probe.usdt;

import dev.pyprobe.reader.probe.perf.UserRegister;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One argument of a USDT probe as the SystemTap note describes it, {@code SIZE@OPERAND} in
 * AT&amp;T syntax: a register ({@code -4@%eax}), memory at a register plus a displacement
 * ({@code -4@112(%rsp)}, {@code 8@-8(%rbp)}) or a constant ({@code 4@$5}). A negative size means
 * a signed value. It says where the value is (its kind, register and displacement), which is
 * what a BPF program reading the argument in the kernel needs (see
 * {@link dev.pyprobe.reader.probe.bpf.UsdtArgumentFilter}); nothing is decoded in user space.
 */
public final class ArgSpec {
    /** How the value is found. */
    public enum Kind { REGISTER, MEMORY, CONSTANT }

    private static final int MAX_SPEC_LENGTH = 128;
    private static final Pattern SIZED = Pattern.compile("(-?)(\\d+)@(.+)");
    private static final Pattern REGISTER = Pattern.compile("%([a-z0-9]+)");
    private static final Pattern CONSTANT = Pattern.compile("\\$(-?(?:0x[0-9a-fA-F]+|\\d+))");
    private static final Pattern MEMORY = Pattern.compile("(-?(?:0x[0-9a-fA-F]+|\\d+))?\\(%([a-z0-9]+)\\)");

    private final String text;
    private final Kind kind;
    private final int size;
    private final boolean signed;
    private final OperandRegister register;
    private final long displacement;

    private ArgSpec(String text, Kind kind, int size, boolean signed, OperandRegister register, long displacement) {
        this.text = text;
        this.kind = kind;
        this.size = size;
        this.signed = signed;
        this.register = register;
        this.displacement = displacement;
    }

    /** Parses one argument; throws {@link ArgSpecException} saying what is wrong. */
    public static ArgSpec parse(String spec) {
        if (spec == null || spec.isEmpty()) {
            throw new ArgSpecException(String.valueOf(spec), "empty");
        }
        if (spec.length() > MAX_SPEC_LENGTH) {
            throw new ArgSpecException(spec.substring(0, 32) + "...", "longer than " + MAX_SPEC_LENGTH + " characters");
        }
        Matcher sized = SIZED.matcher(spec);
        if (!sized.matches()) {
            throw new ArgSpecException(spec, "expected SIZE@OPERAND, e.g. -4@%eax or 8@16(%rsp)");
        }
        boolean signed = !sized.group(1).isEmpty();
        int size = parseSize(spec, sized.group(2));
        String operand = sized.group(3);

        Matcher m = REGISTER.matcher(operand);
        if (m.matches()) {
            OperandRegister r = register(spec, m.group(1));
            return new ArgSpec(spec, Kind.REGISTER, size, signed, r, 0);
        }
        m = CONSTANT.matcher(operand);
        if (m.matches()) {
            number(spec, m.group(1)); // rejects an out-of-range constant
            return new ArgSpec(spec, Kind.CONSTANT, size, signed, null, 0);
        }
        m = MEMORY.matcher(operand);
        if (m.matches()) {
            OperandRegister base = register(spec, m.group(2));
            if (base.register() == UserRegister.IP) {
                throw new ArgSpecException(spec, "%rip-relative (global variable) arguments are not supported");
            }
            if (base.shift() != 0) {
                throw new ArgSpecException(spec, "a high-byte register cannot be a base address");
            }
            long disp = m.group(1) == null ? 0 : number(spec, m.group(1));
            return new ArgSpec(spec, Kind.MEMORY, size, signed, base, disp);
        }
        if (operand.contains(",")) {
            throw new ArgSpecException(spec, "indexed memory operands (base,index,scale) are not supported");
        }
        if (operand.matches("[A-Za-z_.].*")) {
            throw new ArgSpecException(spec, "symbolic operands are not supported");
        }
        throw new ArgSpecException(spec, "operand '" + operand + "' is not a register, constant or disp(%reg)");
    }

    /** Parses the space-separated argument list of a note ({@code "8@%rbp 8@%r12 -4@%eax"}). */
    public static List<ArgSpec> parseAll(String args) {
        List<ArgSpec> out = new ArrayList<>();
        if (args == null || args.isBlank()) {
            return out;
        }
        for (String one : args.trim().split("\\s+")) {
            out.add(parse(one));
        }
        if (out.size() > 12) {
            throw new ArgSpecException(args, "more than 12 arguments (the SystemTap limit)");
        }
        return out;
    }

    private static int parseSize(String spec, String digits) {
        if (digits.length() > 1) {
            throw new ArgSpecException(spec, "size must be 1, 2, 4 or 8");
        }
        int size = digits.charAt(0) - '0';
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new ArgSpecException(spec, "size must be 1, 2, 4 or 8, not " + size);
        }
        return size;
    }

    private static OperandRegister register(String spec, String name) {
        OperandRegister r = OperandRegister.byName(name);
        if (r == null) {
            throw new ArgSpecException(spec, "unknown x86_64 register %" + name);
        }
        return r;
    }

    private static long number(String spec, String text) {
        try {
            boolean negative = text.startsWith("-");
            String digits = negative ? text.substring(1) : text;
            long v = digits.startsWith("0x") ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseLong(digits);
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw new ArgSpecException(spec, "number '" + text + "' out of range");
        }
    }

    public Kind kind() {
        return kind;
    }

    /** Size of the value in bytes: 1, 2, 4 or 8. */
    public int size() {
        return size;
    }

    /** Whether the note declares the value signed (a negative size). */
    public boolean signed() {
        return signed;
    }

    /**
     * The register holding the value (REGISTER) or the address base (MEMORY); empty for a
     * CONSTANT. For a REGISTER operand it is the full 64-bit register the operand is part of
     * ({@code %eax} and {@code %al} are AX; {@code %ah} is AX too, the value being its bits 8-15),
     * so the value is the register's low {@link #size()} bytes, except for ah/bh/ch/dh.
     */
    public Optional<UserRegister> register() {
        return register == null ? Optional.empty() : Optional.of(register.register());
    }

    /** For a MEMORY operand, what is added to the base register to get the value's address; else 0. */
    public long displacement() {
        return displacement;
    }

    @Override
    public String toString() {
        return text;
    }
}
