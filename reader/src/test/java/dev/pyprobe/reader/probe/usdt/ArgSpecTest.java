package dev.pyprobe.reader.probe.usdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.probe.perf.Sample;
import dev.pyprobe.reader.probe.perf.UserRegister;
import dev.pyprobe.reader.proc.ReadBatch;
import dev.pyprobe.reader.proc.RemoteMemory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgSpecTest {
    private static final long SP = 0x7ffc_0000_1000L;

    /** A sample with the given registers and a stack copy starting at SP. */
    private static Sample sample(Map<UserRegister, Long> values, byte[] stack) {
        long[] regs = new long[UserRegister.COUNT];
        long mask = UserRegister.SP.maskBit();
        regs[UserRegister.SP.perfIndex()] = SP;
        for (var e : values.entrySet()) {
            regs[e.getKey().perfIndex()] = e.getValue();
            mask |= e.getKey().maskBit();
        }
        return new Sample(1, 1, 0, 0, regs, mask, stack);
    }

    private static byte[] stackWith(int offset, long value, int size) {
        byte[] s = new byte[256];
        for (int i = 0; i < size; i++) {
            s[offset + i] = (byte) (value >>> (8 * i));
        }
        return s;
    }

    @Test
    void registerFormsTruncateAndExtendBySize() {
        Sample s = sample(Map.of(UserRegister.AX, 0x1234_5678_ffff_fff6L, UserRegister.R12, 0xdead_beef_0000_0080L,
                UserRegister.CX, 0x0000_0000_0000_beefL), null);
        assertThat(ArgSpec.parse("-4@%eax").value(s, null)).isEqualTo(-10);
        assertThat(ArgSpec.parse("4@%eax").value(s, null)).isEqualTo(0xffff_fff6L);
        assertThat(ArgSpec.parse("8@%rax").value(s, null)).isEqualTo(0x1234_5678_ffff_fff6L);
        assertThat(ArgSpec.parse("-8@%r12").value(s, null)).isEqualTo(0xdead_beef_0000_0080L);
        assertThat(ArgSpec.parse("-1@%r12b").value(s, null)).isEqualTo(-128);
        assertThat(ArgSpec.parse("1@%r12b").value(s, null)).isEqualTo(128);
        assertThat(ArgSpec.parse("-2@%cx").value(s, null)).isEqualTo((short) 0xbeef);
        assertThat(ArgSpec.parse("1@%ch").value(s, null)).isEqualTo(0xbe);
        assertThat(ArgSpec.parse("1@%cl").value(s, null)).isEqualTo(0xef);
    }

    @Test
    void constants() {
        Sample s = sample(Map.of(), null);
        assertThat(ArgSpec.parse("4@$5").value(s, null)).isEqualTo(5);
        assertThat(ArgSpec.parse("-4@$-42").value(s, null)).isEqualTo(-42);
        assertThat(ArgSpec.parse("8@$0x10").value(s, null)).isEqualTo(16);
        assertThat(ArgSpec.parse("1@$300").value(s, null)).isEqualTo(300 & 0xff);
        assertThat(ArgSpec.parse("4@$5").kind()).isEqualTo(ArgSpec.Kind.CONSTANT);
    }

    @Test
    void memoryRelativeToStackPointerComesFromTheStackCopy() {
        Sample s = sample(Map.of(), stackWith(112, -7, 4));
        ArgSpec spec = ArgSpec.parse("-4@112(%rsp)");
        assertThat(spec.kind()).isEqualTo(ArgSpec.Kind.MEMORY);
        assertThat(spec.stackBytesNeeded()).isEqualTo(116);
        assertThat(spec.value(s, null)).isEqualTo(-7);
        assertThat(ArgSpec.parse("4@112(%rsp)").value(s, null)).isEqualTo(0xffff_fff9L);
    }

    @Test
    void memoryRelativeToOtherRegistersUsesTheStackCopyWhenItCoversTheAddress() {
        Sample s = sample(Map.of(UserRegister.BP, SP + 0x40), stackWith(0x38, 123456789012345L, 8));
        assertThat(ArgSpec.parse("8@-8(%rbp)").value(s, null)).isEqualTo(123456789012345L);
    }

    @Test
    void memoryOutsideTheStackCopyIsReadFromTheProcess() {
        long heap = 0x5555_0000_0010L;
        Sample s = sample(Map.of(UserRegister.BX, heap - 0x10), stackWith(0, 0, 0));
        RemoteMemory memory = new FakeMemory(heap, new byte[] {(byte) 0xfe, (byte) 0xff, 0, 0});
        assertThat(ArgSpec.parse("-2@16(%rbx)").value(s, memory)).isEqualTo(-2);
        assertThatThrownBy(() -> ArgSpec.parse("-2@16(%rbx)").value(s, null))
                .isInstanceOf(ArgSpecException.class).hasMessageContaining("outside the sample's stack copy");
    }

    @Test
    void decodingARegisterThatWasNotSampledFailsClearly() {
        Sample s = sample(Map.of(), null);
        assertThatThrownBy(() -> ArgSpec.parse("8@%r13").value(s, null)).hasMessageContaining("R13 was not sampled");
    }

    @Test
    void parsesCPythonArgumentLists() {
        List<ArgSpec> args = ArgSpec.parseAll("8@%rbp 8@%r12 -4@%eax");
        assertThat(args).extracting(ArgSpec::toString).containsExactly("8@%rbp", "8@%r12", "-4@%eax");
        assertThat(args).extracting(a -> a.register().orElseThrow())
                .containsExactly(UserRegister.BP, UserRegister.R12, UserRegister.AX);
        assertThat(ArgSpec.parseAll("")).isEmpty();
        assertThat(ArgSpec.parseAll("  -8@%r12  ")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "8", "@%rax", "3@%rax", "16@%rax", "-0@%rax", "8@%xyz", "8@rax", "8@$", "8@$abc",
        "8@$99999999999999999999", "8@(%rax", "8@16(%rax,%rbx,4)", "8@foo(%rip)", "8@16(%rip)", "-4@%eax junk",
        "8@%ah(%rax)", "8@16(%ah)", "4@@%eax", "x@%eax"})
    void garbageIsRejectedWithAClearError(String spec) {
        assertThatThrownBy(() -> ArgSpec.parse(spec)).isInstanceOf(ArgSpecException.class)
                .hasMessageStartingWith("USDT argument '");
    }

    @Test
    void rejectionsSayWhy() {
        assertThatThrownBy(() -> ArgSpec.parse("3@%rax")).hasMessageContaining("size must be 1, 2, 4 or 8");
        assertThatThrownBy(() -> ArgSpec.parse("8@%xmm0")).hasMessageContaining("unknown x86_64 register %xmm0");
        assertThatThrownBy(() -> ArgSpec.parse("8@(%rax,%rbx,8)")).hasMessageContaining("indexed memory operands");
        assertThatThrownBy(() -> ArgSpec.parse("8@counter(%rip)")).hasMessageContaining("symbolic operands");
        assertThatThrownBy(() -> ArgSpec.parse("8@8(%rip)")).hasMessageContaining("%rip-relative");
        assertThatThrownBy(() -> ArgSpec.parse("x".repeat(1000))).hasMessageContaining("longer than 128");
        assertThatThrownBy(() -> ArgSpec.parseAll("8@%rax ".repeat(13))).hasMessageContaining("more than 12");
    }

    /** Memory that holds one range and fails elsewhere, like an unmapped address would. */
    private static final class FakeMemory implements RemoteMemory {
        private final long base;
        private final byte[] bytes;

        FakeMemory(long base, byte[] bytes) {
            this.base = base;
            this.bytes = bytes;
        }

        @Override
        public int pid() {
            return 1;
        }

        @Override
        public void read(long address, byte[] dst, int offset, int length) {
            if (address < base || address + length > base + bytes.length) {
                throw new MemoryReadException(address, length, "not mapped");
            }
            System.arraycopy(bytes, (int) (address - base), dst, offset, length);
        }

        @Override
        public void read(ReadBatch batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long syscalls() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
