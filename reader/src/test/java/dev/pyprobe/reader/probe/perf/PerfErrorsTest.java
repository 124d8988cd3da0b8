package dev.pyprobe.reader.probe.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pyprobe.reader.probe.DebugRegistersExhaustedException;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.ProbePermissionException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each errno of a failed perf call becomes the exception and message a user can act on. */
class PerfErrorsTest {
    private static final int SELF = (int) ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void permissionErrorsNameTheFixAndTheParanoidLevel() {
        for (int errno : new int[] {Kernel.EACCES, Kernel.EPERM}) {
            ProbeException e = PerfErrors.openFailure(errno, "uprobe x", 42, false);
            assertThat(e).isInstanceOf(ProbePermissionException.class);
            assertThat(e.errno()).isEqualTo(errno);
            assertThat(e.getMessage()).contains("permission denied opening uprobe x", "perf_event_paranoid is "
                    + PerfErrors.paranoid(), "CAP_PERFMON");
        }
    }

    @Test
    void noSpaceOnABreakpointMeansNoFreeDebugRegister() {
        assertThat(PerfErrors.openFailure(Kernel.ENOSPC, "bp", 7, true))
                .isInstanceOf(DebugRegistersExhaustedException.class)
                .hasMessageContaining("debug register budget exhausted (4 per thread) on thread 7");
        assertThat(PerfErrors.openFailure(Kernel.ENOSPC, "uprobe", 7, false))
                .isNotInstanceOf(DebugRegistersExhaustedException.class);
    }

    @Test
    void aUprobeOnAMissingFileIsENOENT() {
        assertThatThrownBy(() -> PerfEvent.uprobe(UprobeTarget.at(dir.resolve("missing").toString(), 0), SELF,
                SampleFormat.basic(), 1))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("ENOENT")
                .satisfies(e -> assertThat(((ProbeException) e).errno()).isEqualTo(Kernel.ENOENT));
    }

    @Test
    void aUprobeOffsetPastTheEndOfTheFileIsEINVAL() throws Exception {
        Path text = Files.writeString(dir.resolve("short-file"), "hello");
        assertThatThrownBy(() -> PerfEvent.uprobe(UprobeTarget.at(text.toString(), 1 << 20), SELF,
                SampleFormat.basic(), 1)).isInstanceOf(ProbeException.class).hasMessageContaining("EINVAL");
    }

    @Test
    void aMisalignedBreakpointIsEINVAL() {
        long address = 0x7000_0000_0001L;
        assertThatThrownBy(() -> PerfEvent.breakpoint(address, 2, PerfEventAttr.HW_BREAKPOINT_RW, SELF, 1))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("EINVAL")
                .satisfies(e -> assertThat(((ProbeException) e).errno()).isEqualTo(Kernel.EINVAL));
    }

    @Test
    void aThreadThatDoesNotExistIsESRCH() {
        assertThatThrownBy(() -> PerfEvent.breakpoint(0x7000_0000_0000L, 2, PerfEventAttr.HW_BREAKPOINT_RW,
                999_999_999, 1))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("thread 999999999 does not exist")
                .satisfies(e -> assertThat(((ProbeException) e).errno()).isEqualTo(Kernel.ESRCH));
    }

    @Test
    void badRingSizesAreRefusedBeforeMapping() {
        assertThatThrownBy(() -> PerfEvent.breakpoint(0x7000_0000_0000L, 2, PerfEventAttr.HW_BREAKPOINT_RW, SELF, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
    }

    @Test
    void pmuFormatBitsAreParsed() {
        assertThat(UprobePmu.firstBit("config:32-63")).isEqualTo(32);
        assertThat(UprobePmu.firstBit("config:0")).isZero();
        assertThatThrownBy(() -> UprobePmu.firstBit("config1:0-63")).isInstanceOf(IllegalArgumentException.class);
    }
}
