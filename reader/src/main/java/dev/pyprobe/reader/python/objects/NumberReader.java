package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import java.math.BigInteger;

/** Reads int, bool and float objects; ints by the layout's int model. */
public final class NumberReader {
    /** Python 2's {@code PyIntObject}: {@code ob_ival} right after the object header. */
    private static final int PY2_INT_VALUE = 16;
    /** {@code PyLongObject}: the digit count (with the sign, or {@code lv_tag}), then the digits. */
    private static final int LONG_SIZE = 16;
    private static final int LONG_DIGITS = 24;
    private static final int DIGIT_BITS = 30;
    private static final long DIGIT_MASK = (1L << DIGIT_BITS) - 1;
    private static final int MAX_DIGITS = 1_000_000;
    /** {@code PyFloatObject}: {@code ob_fval} right after the object header. */
    private static final int FLOAT_VALUE = 16;

    private final RemoteMemory memory;
    private final TypeCache types;
    private final Layout.IntModel model;

    public NumberReader(RemoteMemory memory, TypeCache types, Layout.IntModel model) {
        this.memory = memory;
        this.types = types;
        this.model = model;
    }

    /** The value of an int or bool (Python 2: int, long or bool). */
    public BigInteger integer(long address) {
        BuiltinKind kind = types.kindOf(address);
        if (kind == BuiltinKind.PY2_INT || (model == Layout.IntModel.PY2 && kind == BuiltinKind.BOOL)) {
            // Python 2's bool is an int object.
            return BigInteger.valueOf(memory.readLong(address + PY2_INT_VALUE));
        }
        long header = memory.readLong(address + LONG_SIZE);
        long ndigits;
        int sign;
        if (model == Layout.IntModel.LV_TAG) {
            ndigits = header >>> 3;
            sign = 1 - (int) (header & 3);
        } else {
            ndigits = Math.abs(header);
            sign = Long.signum(header);
        }
        if (ndigits > MAX_DIGITS) {
            throw new MemoryReadException(address, 0, "not an int object (" + ndigits + " digits)");
        }
        RemoteBytes digits = memory.bytesAt(address + LONG_DIGITS, (int) ndigits * 4);
        BigInteger value = BigInteger.ZERO;
        for (int i = (int) ndigits - 1; i >= 0; i--) {
            value = value.shiftLeft(DIGIT_BITS).or(BigInteger.valueOf(digits.u32(i * 4) & DIGIT_MASK));
        }
        return sign < 0 ? value.negate() : value;
    }

    public double floatValue(long address) {
        return memory.bytesAt(address + FLOAT_VALUE, 8).f64(0);
    }
}
