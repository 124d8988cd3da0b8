package dev.pyprobe.server.cli;

import dev.pyprobe.reader.proc.NamespaceIds;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.sampling.Profile;
import dev.pyprobe.reader.python.sampling.SampleMode;
import dev.pyprobe.reader.python.sampling.Sampler;
import dev.pyprobe.reader.python.sampling.SamplingOptions;
import dev.pyprobe.reader.python.sampling.SamplingStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pyprobe bench-sample}: what one sample of every thread costs pyprobe's sampler, sampling
 * as fast as it can, and on 3.15+ what it costs CPython's own sampler on the same target in the
 * same run (its {@code profiling.sampling attach}, where the build has one), with the ratio. Prints
 * figures, asserts nothing.
 */
@Command(name = "bench-sample",
        description = "Measure the cost of one sample of every thread, against CPython's own sampler where the build has one.")
final class SampleBenchCommand implements Callable<Integer> {
    private static final Pattern CAPTURED = Pattern.compile("Captured (\\d+) samples in ([\\d.]+) seconds");

    @Option(names = "--python", description = "interpreter(s) to measure, a path or a launcher such as scripts/sid/python3.15 "
            + "(default: every pyenv version and " + InstalledInterpreters.SYSTEM + " on PATH)")
    List<String> pythons = new ArrayList<>();

    @Option(names = "--threads", defaultValue = "4", description = "spinning threads in the target (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--depth", defaultValue = "50", description = "frames per thread (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--seconds", defaultValue = "3", description = "seconds per measurement (default: ${DEFAULT-VALUE})")
    double seconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> interpreters = pythons.isEmpty() ? InstalledInterpreters.find(out) : pythons;
        out.printf("%-44s %8s %9s %12s %12s %14s %8s%n", "interpreter", "python", "threads", "us/sample",
                "peer us", "peer", "ratio");
        for (String python : interpreters) {
            try (BundledScript script = BundledScript.start(python, "/dev/pyprobe/server/cli/bench_sample.py",
                    "SAMPLE-BENCH-READY", Integer.toString(threads), Integer.toString(depth))) {
                String executable = script.readLine();
                measure(python, script.pid(), executable, out);
            } catch (RuntimeException e) {
                out.printf("%-44s %s%n", python, "failed: " + e.getMessage());
            }
            out.flush();
        }
        return 0;
    }

    private void measure(String python, int pid, String executable, PrintWriter out) {
        try (PythonTarget target = PythonTargets.attach(pid)) {
            double ours = microsPerSample(target);
            // Whether the build has a sampler of its own (3.15+) is for it to say: just try it.
            Optional<Double> peer = cpythonSampler(pid, executable);
            double oursAgain = microsPerSample(target); // either side of the peer: the machine's load drifts
            double mean = (ours + oursAgain) / 2;
            out.printf("%-44s %8s %9d %12.1f %12s %14s %8s%n", python, target.version(), threads + 1, mean,
                    peer.map(p -> String.format("%.1f", p)).orElse("-"),
                    peer.isPresent() ? "CPython sampler" : "(none here)",
                    peer.map(p -> String.format("x%.2f", mean / p)).orElse("-"));
        }
    }

    /** pyprobe's sampler as fast as it goes (every thread, idle ones too, as the peer's -a does). */
    private double microsPerSample(PythonTarget target) {
        SamplingOptions asFastAsPossible = new SamplingOptions(SamplingOptions.MAX_RATE_HZ, SampleMode.WALL, true,
                SamplingOptions.DEFAULT_MAX_DEPTH);
        SamplingStats stats = new Sampler(target, asFastAsPossible).record(new Profile(false), (long) (seconds * 1e9),
                () -> false, s -> { });
        return stats.ticks() == 0 ? Double.NaN : stats.elapsedNanos() / 1e3 / stats.ticks();
    }

    /**
     * CPython's {@code profiling.sampling attach -a} at its highest rate, run as the target's own
     * interpreter; inside the target's PID namespace, mounts and root when it runs in a container.
     */
    private Optional<Double> cpythonSampler(int pid, String executable) {
        List<String> command = new ArrayList<>();
        Optional<NamespaceIds> ids = NamespaceIds.ofProcess(pid);
        if (ids.map(NamespaceIds::nested).orElse(false)) {
            // Into the target's PID namespace, mounts and root (the sampler sees the target's /proc),
            // with a working directory that exists there.
            command.addAll(List.of("nsenter", "-t", Integer.toString(pid), "-p", "-m", "-r", "/bin/sh", "-c",
                    "cd / && exec \"$0\" \"$@\""));
        }
        command.addAll(List.of(executable, "-m", "profiling.sampling", "attach", "-a", "-r", Integer.toString(
                (int) SamplingOptions.MAX_RATE_HZ), "-d", Long.toString(Math.round(Math.max(1, seconds))), "--collapsed",
                "-o", "/dev/null", Integer.toString(ids.map(NamespaceIds::own).orElse(pid))));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            Matcher m = CAPTURED.matcher(text);
            return m.find() ? Optional.of(Double.parseDouble(m.group(2)) * 1e6 / Long.parseLong(m.group(1)))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
