package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.sampling.Profile;
import dev.pyprobe.reader.python.sampling.SampleMode;
import dev.pyprobe.reader.python.sampling.Sampler;
import dev.pyprobe.reader.python.sampling.SamplingOptions;
import dev.pyprobe.reader.python.sampling.SamplingStats;
import dev.pyprobe.server.profile.ProfileFormat;
import dev.pyprobe.server.profile.RecordingInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pyprobe record PID}: samples the process's stacks at a fixed rate, without stopping it,
 * and writes the profile (a flame graph by default). Ctrl-C ends the recording early and still
 * writes the file.
 */
@Command(name = "record", description = "Sample the stacks of PID at a fixed rate and write a profile (flame graph).")
final class RecordCommand implements Callable<Integer> {
    private static final int FINAL_WRITE_SECONDS = 30;

    @Parameters(index = "0", paramLabel = "PID", description = "process to profile")
    int pid;

    @Option(names = "--duration", paramLabel = "S", description = "record S seconds (default: until Ctrl-C)")
    Double duration;

    @Option(names = "--rate", paramLabel = "HZ", description = "samples per second (default: 100)")
    double rate = SamplingOptions.DEFAULT_RATE_HZ;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "wall (threads not blocked in the kernel; every thread with --idle), cpu (threads the "
                    + "kernel shows running) or gil (the GIL holder only); default: wall")
    String mode = "wall";

    @Option(names = "--idle", description = "also sample threads blocked in the kernel (wall mode)")
    boolean idle;

    @Option(names = "--threads", description = "one root per thread, named after it")
    boolean threads;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "where to write (default: pyprobe-PID.EXT in the current directory; - for stdout)")
    String output;

    @Option(names = "--format", paramLabel = "F",
            description = "flamegraph (one offline HTML file), speedscope, collapsed or json (default: flamegraph)")
    String format = "flamegraph";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        SamplingOptions options = options();
        ProfileFormat profileFormat = Enums.parse(ProfileFormat.class, format, spec.commandLine(), "--format");
        if (duration != null && !(duration > 0)) {
            throw new ParameterException(spec.commandLine(), "--duration must be above 0, not " + duration);
        }
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        // Ctrl-C runs this hook and the JVM exits when it returns: hold it until the file is written.
        Thread onInterrupt = new Thread(() -> {
            stop.countDown();
            try {
                written.await(FINAL_WRITE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try (PythonTarget target = AttachedTarget.attach(pid, spec.commandLine().getErr())) {
            err.printf("Recording process %d (Python %s) at %s Hz, %s mode%s. Ctrl-C to end.%n", pid, target.version(),
                    trim(options.rateHz()), mode, duration == null ? "" : ", for " + trim(duration) + " s");
            Profile profile = new Profile(threads);
            long durationNanos = duration == null ? 0 : (long) (duration * 1e9);
            SamplingStats stats = new Sampler(target, options).record(profile, durationNanos,
                    () -> stop.getCount() == 0, s -> progress(err, s));
            err.print('\r');
            progress(err, stats);
            err.println();
            if (!target.isAlive()) {
                err.printf("Process %d has exited.%n", pid);
            }
            RecordingInfo info = new RecordingInfo(pid, target.version().toString(), options, stats);
            String where = write(profile, info, profileFormat);
            err.printf("%d samples, %d stacks (%d copied by the kernel, %d inconsistent), %d missed%s; wrote %s%n",
                    stats.ticks(), stats.stacks(), stats.kernelCopies(), stats.inconsistent(), stats.missedTicks(),
                    stats.failedTicks() > 0 ? ", " + stats.failedTicks() + " unreadable" : "", where);
            if (stats.kernelCopiesOff() != null) {
                err.printf("Stacks that moved while read were dropped, not copied by the kernel: %s%n",
                        stats.kernelCopiesOff());
            }
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running, which is how we got here.
            }
        }
        return 0;
    }

    private SamplingOptions options() {
        SampleMode sampleMode = Enums.parse(SampleMode.class, mode, spec.commandLine(), "--mode");
        try {
            return new SamplingOptions(rate, sampleMode, idle, SamplingOptions.DEFAULT_MAX_DEPTH);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private String write(Profile profile, RecordingInfo info, ProfileFormat profileFormat) {
        if ("-".equals(output)) {
            PrintWriter out = spec.commandLine().getOut();
            profileFormat.writer().write(profile, info, out);
            out.flush();
            return "the profile to stdout";
        }
        Path file = Path.of(output != null ? output : "pyprobe-" + pid + "." + profileFormat.extension());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            profileFormat.writer().write(profile, info, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file.toString();
    }

    /** The progress line, rewritten in place: time, samples, rate reached. */
    private static void progress(PrintWriter err, SamplingStats s) {
        err.printf("\r%6.1f s  %7d samples  %7.1f Hz  %d missed", s.elapsedSeconds(), s.ticks(), s.rateHz(),
                s.missedTicks());
        err.flush();
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
