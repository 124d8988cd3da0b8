package dev.pyprobe.reader.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.probe.bpf.BpfOutput;
import dev.pyprobe.reader.probe.bpf.FilterProgram;
import dev.pyprobe.reader.probe.bpf.FrameArgumentFilter;
import dev.pyprobe.reader.probe.bpf.RunningFrameFilter;
import dev.pyprobe.reader.probe.bpf.TracepointFilter;
import dev.pyprobe.reader.probe.bpf.UsdtArgumentFilter;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.perf.UserRegister;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel's verifier accepts every filter program, and their counters start at zero. */
class FilterProgramLoadTest {
    private static final long ALL = FilterProgram.STREAM | FilterProgram.STOP;

    @Test
    void frameArgumentFilterLoads() {
        try (EventLoop loop = new EventLoop("filters", Duration.ofMillis(20)); BpfOutput out = BpfOutput.open(loop, null);
                TracepointFilter f = FrameArgumentFilter.load(
                        new FrameArgumentFilter.Params(UserRegister.SI, UserRegister.DX, 32, 96), 0x1234, ALL, out)) {
            assertThat(f.hits()).isZero();
            assertThat(f.traps()).isZero();
        }
    }

    @Test
    void runningFrameFilterLoads() {
        try (EventLoop loop = new EventLoop("filters", Duration.ofMillis(20)); BpfOutput out = BpfOutput.open(loop, null);
                TracepointFilter f = RunningFrameFilter.load(new RunningFrameFilter.Params(0x7000, List.of(0, 8, 72), 0,
                        -1L, 56, 0, List.of(149, 207, 236)), 0x1234, ALL, out)) {
            assertThat(f.hits()).isZero();
        }
    }

    @Test
    void usdtArgumentFilterLoads() {
        try (EventLoop loop = new EventLoop("filters", Duration.ofMillis(20)); BpfOutput out = BpfOutput.open(loop, null);
                TracepointFilter f = UsdtArgumentFilter.load(new UsdtArgumentFilter.Argument(UserRegister.BP, false, 0),
                        new UsdtArgumentFilter.Argument(UserRegister.SP, true, 16), 0x10, 0x20, ALL, out)) {
            assertThat(f.hits()).isZero();
        }
    }
}
