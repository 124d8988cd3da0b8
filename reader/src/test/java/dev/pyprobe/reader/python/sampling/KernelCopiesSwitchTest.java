package dev.pyprobe.reader.python.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.testing.SuitePythons;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the kernel does not copy moving stacks (no BPF, or PYPROBE_KERNEL_COPIES=off, which this
 * test sets), a recording says why in its figures, takes no stack from a copy, and still drops
 * and counts the stacks that moved under it rather than keep them; with copies on, it uses them.
 * The switch is the same for every version, so one interpreter shows it.
 */
@Timeout(60)
class KernelCopiesSwitchTest {
    private static final long RECORD_NANOS = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aRecordingWithoutKernelCopiesSaysWhyAndDropsWhatMoved() throws Exception {
        try (FixtureProcess p = new FixtureProcess(SuitePythons.DEBIAN_PYTHON, "recursion_target.py", dir);
             PythonTarget target = PythonTargets.attach(p.pid)) {
            p.runApartFromCaller();
            Profile without = new Profile(false);
            SamplingStats off;
            System.setProperty("pyprobe.kernelCopies", "off");
            try {
                off = record(target, without);
            } finally {
                System.clearProperty("pyprobe.kernelCopies");
            }
            SamplingStats on = record(target, new Profile(false));

            assertThat(off.kernelCopiesOff()).isEqualTo("turned off (PYPROBE_KERNEL_COPIES=off)");
            assertThat(off.kernelCopies()).isZero();
            assertThat(off.inconsistent()).as("stacks that moved under the reader, dropped").isPositive();
            assertThat(without.samples()).isEqualTo(off.stacks() - off.inconsistent());
            assertThat(on.kernelCopiesOff()).isNull();
            assertThat(on.kernelCopies()).isPositive();
            assertThat(on.inconsistent()).isLessThan(off.inconsistent());
        }
    }

    private static SamplingStats record(PythonTarget target, Profile profile) {
        return new Sampler(target, new SamplingOptions(1000, SampleMode.WALL, false, SamplingOptions.DEFAULT_MAX_DEPTH))
                .record(profile, RECORD_NANOS, () -> false, s -> { });
    }
}
