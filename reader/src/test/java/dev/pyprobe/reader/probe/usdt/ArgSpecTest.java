package dev.pyprobe.reader.probe.usdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pyprobe.reader.probe.perf.UserRegister;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing of SystemTap argument specs into where a BPF program finds the value. */
class ArgSpecTest {
    private static void assertSpec(String text, ArgSpec.Kind kind, int size, boolean signed, UserRegister register,
            long displacement) {
        ArgSpec spec = ArgSpec.parse(text);
        assertThat(spec.kind()).as("kind of %s", text).isEqualTo(kind);
        assertThat(spec.size()).as("size of %s", text).isEqualTo(size);
        assertThat(spec.signed()).as("sign of %s", text).isEqualTo(signed);
        assertThat(spec.register()).as("register of %s", text).isEqualTo(Optional.ofNullable(register));
        assertThat(spec.displacement()).as("displacement of %s", text).isEqualTo(displacement);
        assertThat(spec).hasToString(text);
    }

    @Test
    void registerFormsNameTheFullRegister() {
        assertSpec("-4@%eax", ArgSpec.Kind.REGISTER, 4, true, UserRegister.AX, 0);
        assertSpec("8@%rax", ArgSpec.Kind.REGISTER, 8, false, UserRegister.AX, 0);
        assertSpec("-8@%r12", ArgSpec.Kind.REGISTER, 8, true, UserRegister.R12, 0);
        assertSpec("-1@%r12b", ArgSpec.Kind.REGISTER, 1, true, UserRegister.R12, 0);
        assertSpec("4@%r9d", ArgSpec.Kind.REGISTER, 4, false, UserRegister.R9, 0);
        assertSpec("-2@%cx", ArgSpec.Kind.REGISTER, 2, true, UserRegister.CX, 0);
        assertSpec("1@%ch", ArgSpec.Kind.REGISTER, 1, false, UserRegister.CX, 0);
        assertSpec("1@%cl", ArgSpec.Kind.REGISTER, 1, false, UserRegister.CX, 0);
        assertSpec("-1@%sil", ArgSpec.Kind.REGISTER, 1, true, UserRegister.SI, 0);
        assertSpec("8@%rdi", ArgSpec.Kind.REGISTER, 8, false, UserRegister.DI, 0);
    }

    @Test
    void constantsHaveNoRegister() {
        assertSpec("4@$5", ArgSpec.Kind.CONSTANT, 4, false, null, 0);
        assertSpec("-4@$-42", ArgSpec.Kind.CONSTANT, 4, true, null, 0);
        assertSpec("8@$0x10", ArgSpec.Kind.CONSTANT, 8, false, null, 0);
        assertSpec("1@$300", ArgSpec.Kind.CONSTANT, 1, false, null, 0);
    }

    @Test
    void memoryFormsGiveTheBaseRegisterAndTheDisplacement() {
        assertSpec("-4@112(%rsp)", ArgSpec.Kind.MEMORY, 4, true, UserRegister.SP, 112);
        assertSpec("-8@16(%rsp)", ArgSpec.Kind.MEMORY, 8, true, UserRegister.SP, 16);
        assertSpec("8@-8(%rbp)", ArgSpec.Kind.MEMORY, 8, false, UserRegister.BP, -8);
        assertSpec("-2@16(%rbx)", ArgSpec.Kind.MEMORY, 2, true, UserRegister.BX, 16);
        assertSpec("8@(%rax)", ArgSpec.Kind.MEMORY, 8, false, UserRegister.AX, 0);
        assertSpec("8@0x20(%r13)", ArgSpec.Kind.MEMORY, 8, false, UserRegister.R13, 32);
        assertSpec("8@-0x18(%rbp)", ArgSpec.Kind.MEMORY, 8, false, UserRegister.BP, -24);
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
}
