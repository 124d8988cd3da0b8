package dev.pyprobe.server.profile;

import dev.pyprobe.reader.python.sampling.SamplingOptions;
import dev.pyprobe.reader.python.sampling.SamplingStats;

/** What a recording was of and how it went, for the formats that carry it. */
public record RecordingInfo(int pid, String python, SamplingOptions options, SamplingStats stats) {

    /** One line for titles: "pyprobe: process 123 (Python 3.12.1), 1234 samples at 99.8 Hz, wall". */
    public String title() {
        return String.format("pyprobe: process %d (Python %s), %d samples in %.1f s at %.1f Hz, %s mode",
                pid, python, stats.ticks(), stats.elapsedSeconds(), stats.rateHz(),
                options.mode().name().toLowerCase(java.util.Locale.ROOT));
    }
}
