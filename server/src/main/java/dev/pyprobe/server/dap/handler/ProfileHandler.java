package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.sampling.Profile;
import dev.pyprobe.reader.python.sampling.SampleMode;
import dev.pyprobe.reader.python.sampling.Sampler;
import dev.pyprobe.reader.python.sampling.SamplingOptions;
import dev.pyprobe.reader.python.sampling.SamplingStats;
import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.ErrorCode;
import dev.pyprobe.server.dap.protocol.ProfileArguments;
import dev.pyprobe.server.dap.protocol.ProfileResponse;
import dev.pyprobe.server.profile.LineTable;
import dev.pyprobe.server.profile.ProfileFormat;
import dev.pyprobe.server.profile.RecordingInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

/**
 * pyprobe's custom {@code pyprobeProfile} request: samples the attached process for the asked
 * time and answers with the flame graph and the samples per line. It runs beside the session's
 * other requests (it only reads the target), so a paused view stays usable while it records.
 */
public final class ProfileHandler {
    static final double DEFAULT_SECONDS = 5;
    static final double MAX_SECONDS = 600;

    /** Checks the arguments before anything is recorded. */
    public static SamplingOptions options(ProfileArguments args) {
        double seconds = seconds(args);
        if (!(seconds > 0 && seconds <= MAX_SECONDS)) {
            throw new DapException(ErrorCode.BAD_ARGUMENTS, "pyprobeProfile durationSeconds must be above 0 and at most "
                    + (int) MAX_SECONDS + ", not " + seconds + ".");
        }
        SampleMode mode = mode(args.mode);
        try {
            return new SamplingOptions(args.rate == null ? SamplingOptions.DEFAULT_RATE_HZ : args.rate, mode,
                    Boolean.TRUE.equals(args.idle), SamplingOptions.DEFAULT_MAX_DEPTH);
        } catch (IllegalArgumentException e) {
            throw new DapException(ErrorCode.BAD_ARGUMENTS, "pyprobeProfile: " + e.getMessage() + ".");
        }
    }

    /** Records and answers; call off the session's lock. */
    public static ProfileResponse profile(PythonTarget target, ProfileArguments args, SamplingOptions options) {
        Profile profile = new Profile(Boolean.TRUE.equals(args.threads));
        SamplingStats stats = new Sampler(target, options).record(profile, (long) (seconds(args) * 1e9), () -> false,
                s -> { });
        RecordingInfo info = new RecordingInfo(target.pid(), target.version().toString(), options, stats);
        StringWriter html = new StringWriter();
        ProfileFormat.FLAMEGRAPH.writer().write(profile, info, new PrintWriter(html));
        ProfileResponse response = new ProfileResponse();
        response.html = html.toString();
        response.lines = LineTable.of(profile).stream()
                .map(l -> new ProfileResponse.LineSamples(l.file(), l.line(), l.self(), l.total())).toList();
        response.samples = stats.ticks();
        response.stacks = stats.stacks();
        response.inconsistentStacks = stats.inconsistent();
        response.kernelCopiedStacks = stats.kernelCopies();
        response.missedSamples = stats.missedTicks();
        response.rateReached = stats.rateHz();
        response.durationSeconds = stats.elapsedSeconds();
        response.mode = options.mode().name().toLowerCase(Locale.ROOT);
        return response;
    }

    private static double seconds(ProfileArguments args) {
        return args.durationSeconds == null ? DEFAULT_SECONDS : args.durationSeconds;
    }

    private static SampleMode mode(String text) {
        if (text == null) {
            return SampleMode.WALL;
        }
        for (SampleMode m : SampleMode.values()) {
            if (m.name().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new DapException(ErrorCode.BAD_ARGUMENTS, "pyprobeProfile mode must be wall, cpu or gil, not '" + text + "'.");
    }

    private ProfileHandler() {
    }
}
