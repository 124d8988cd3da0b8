package dev.pyprobe.reader.elf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian fields of byte arrays whose bounds the caller has already checked. */
final class LittleEndian {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    static int u8(byte[] b, int offset) {
        return b[offset] & 0xff;
    }

    static int u16(byte[] b, int offset) {
        return (short) I16.get(b, offset) & 0xffff;
    }

    static long u32(byte[] b, int offset) {
        return (int) I32.get(b, offset) & 0xffff_ffffL;
    }

    /** A 64-bit field; addresses and sizes above 2^63 come out negative and fail range checks. */
    static long u64(byte[] b, int offset) {
        return (long) I64.get(b, offset);
    }
}
