package dev.pyprobe.reader.python.sampling;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.PythonVersion;
import java.nio.file.Path;

/**
 * A 3-second recording at 1000 Hz in wall mode of a fixture that runs on a CPU of its own while
 * it is read ({@link FixtureProcess#runApartFromCaller}), with the share of a CPU the fixture got
 * meanwhile (on a loaded machine a busy target that gets little of a CPU sits still, seen the same
 * way by sample after sample, which makes fewer independent samples than the count says).
 */
record ApartRecording(PythonVersion version, Profile profile, SamplingStats stats, double targetCpuShare) {
    static final double RATE_HZ = 1000;
    static final long RECORD_NANOS = 3_000_000_000L;

    static ApartRecording of(String python, String script, Path dir) throws Exception {
        try (FixtureProcess p = new FixtureProcess(python, script, dir);
             PythonTarget target = PythonTargets.attach(p.pid)) {
            p.runApartFromCaller();
            Profile profile = new Profile(false);
            double cpuBefore = p.cpuSeconds();
            SamplingStats stats = new Sampler(target, new SamplingOptions(RATE_HZ, SampleMode.WALL, false,
                    SamplingOptions.DEFAULT_MAX_DEPTH)).record(profile, RECORD_NANOS, () -> false, s -> { });
            double cpuShare = (p.cpuSeconds() - cpuBefore) / stats.elapsedSeconds();
            return new ApartRecording(target.version(), profile, stats, cpuShare);
        }
    }
}
