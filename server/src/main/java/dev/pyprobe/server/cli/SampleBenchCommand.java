package dev.pyprobe.server.cli;

import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.bpf.BpfRunTime;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.sampling.Profile;
import dev.pyprobe.reader.python.sampling.SampleMode;
import dev.pyprobe.reader.python.sampling.Sampler;
import dev.pyprobe.reader.python.sampling.SamplingOptions;
import dev.pyprobe.reader.python.sampling.SamplingStats;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pyprobe bench-sample}: what one sample of every thread costs pyprobe's sampler, sampling
 * as fast as it can, and on 3.15+ what it costs CPython's own sampler on the same target in the
 * same run (its {@code profiling.sampling attach}, where the build has one), both asked for their
 * highest rate, with the ratio; then how fast the target runs while pyprobe samples it at 100 Hz.
 * Prints figures, asserts nothing.
 */
@Command(name = "bench-sample",
        description = "Measure the cost of one sample of every thread, against CPython's own sampler where the build has one.")
final class SampleBenchCommand implements Callable<Integer> {
    private static final double WARM_UP_SECONDS = 2;
    /** Unsampled, sampled, unsampled...: an odd number, so that it starts and ends unsampled. */
    private static final int SPEED_WINDOWS = 5;
    private static final Pattern CAPTURED = Pattern.compile("Captured (\\d+) samples in ([\\d.]+) seconds");
    private static final Pattern CHILDREN_CPU = Pattern.compile("CHILDREN-CPU (\\d+) (\\d+) (\\d+)");

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
        out.println("Each line: samples per second reached, CPU milliseconds per 1000 samples (the sampler's whole");
        out.println("process: pyprobe's JVM after a 2 s warm-up, or the peer's interpreter from its start; pyprobe's");
        out.println("with the time its BPF program ran copying moving stacks, charged by the kernel to the target,");
        out.println("which is also shown apart), memory-reading system calls per sample, the share of stacks kept");
        out.println("(the rest moved while read and were dropped); then the target's speed while pyprobe samples it");
        out.println("at 100 Hz (its default), over its speed unsampled just before and after.");
        try (BpfRunTime counting = BpfRunTime.count()) {
            table(interpreters, out);
        } catch (ProbeException e) {
            out.println("The kernel does not count BPF run time here (" + e.getMessage() + "): kernel copies not in the figures.");
            table(interpreters, out);
        }
        return 0;
    }

    private void table(List<String> interpreters, PrintWriter out) {
        out.printf("%-44s %8s %7s | %9s %9s %9s %9s %6s | %9s %9s | %14s | %12s%n", "interpreter", "python", "threads",
                "samples/s", "cpu ms/1k", "kernel", "reads", "kept", "peer /s", "peer cpu", "cpu per sample",
                "speed@100Hz");
        for (String python : interpreters) {
            try (BundledScript script = BundledScript.start(python, "/dev/pyprobe/server/cli/bench_sample.py",
                    "SAMPLE-BENCH-READY", Integer.toString(threads), Integer.toString(depth))) {
                String executable = script.readLine();
                measure(python, script, executable, out);
            } catch (RuntimeException e) {
                out.printf("%-44s %s%n", python, "failed: " + e.getMessage());
            }
            out.flush();
        }
    }

    /**
     * What one side reached: samples per second, CPU per 1000 samples (of which the kernel's
     * copies), memory reads per sample, share of stacks kept (NaN: not known).
     */
    private record Figures(double samplesPerSecond, double cpuMillisPer1000, double kernelMillisPer1000,
                           double readsPerSample, double keptShare) {
        static Figures mean(Figures a, Figures b) {
            return new Figures((a.samplesPerSecond + b.samplesPerSecond) / 2, (a.cpuMillisPer1000 + b.cpuMillisPer1000) / 2,
                    (a.kernelMillisPer1000 + b.kernelMillisPer1000) / 2, (a.readsPerSample + b.readsPerSample) / 2,
                    (a.keptShare + b.keptShare) / 2);
        }
    }

    private void measure(String python, BundledScript script, String executable, PrintWriter out) {
        int pid = script.pid();
        try (PythonTarget target = PythonTargets.attach(pid)) {
            // Not counted: the JIT compiles the sampler's path in its first second or so, which a
            // recording of any length pays once (the peer's interpreter start is counted in its figures).
            ours(target, WARM_UP_SECONDS);
            Figures first = ours(target, seconds);
            // Whether the build has a sampler of its own (3.15+) is for it to say: just try it.
            Optional<Figures> peer = cpythonSampler(pid, executable);
            // Either side of the peer: the machine's load drifts.
            Figures ours = Figures.mean(first, ours(target, seconds));
            double speed = speedWhileSampled(target, script);
            out.printf("%-44s %8s %7d | %9.0f %9.1f %9.1f %9.1f %6.3f | %9s %9s | %14s | %12s%n", python,
                    target.version(), threads + 1, ours.samplesPerSecond(), ours.cpuMillisPer1000(),
                    ours.kernelMillisPer1000(), ours.readsPerSample(), ours.keptShare(),
                    peer.map(p -> String.format("%.0f", p.samplesPerSecond())).orElse("-"),
                    peer.map(p -> String.format("%.1f", p.cpuMillisPer1000())).orElse("-"),
                    peer.map(p -> String.format("x%.2f of peer", ours.cpuMillisPer1000() / p.cpuMillisPer1000()))
                            .orElse("(no peer here)"), String.format("x%.3f", speed));
        }
    }

    /**
     * The target's rounds of work per second while pyprobe samples it at its default rate and mode,
     * over its rate unsampled: windows of each kind in turn, unsampled first and last, so that a
     * drift of the machine's load weighs on both sides alike.
     */
    private double speedWhileSampled(PythonTarget target, BundledScript script) {
        long nanos = (long) (seconds * 1e9);
        Runnable unsampled = () -> {
            long end = System.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = end - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        };
        Runnable sampled = () -> new Sampler(target, SamplingOptions.defaults()).record(new Profile(false), nanos,
                () -> false, s -> { });
        double[] sums = new double[2];
        for (int window = 0; window < SPEED_WINDOWS; window++) {
            sums[window % 2] += roundsPerSecond(script, window % 2 == 0 ? unsampled : sampled);
        }
        int sampledWindows = SPEED_WINDOWS / 2;
        return (sums[1] / sampledWindows) / (sums[0] / (SPEED_WINDOWS - sampledWindows));
    }

    /** The target's rounds of work per second (by its own clock) while {@code meanwhile} runs. */
    private static double roundsPerSecond(BundledScript script, Runnable meanwhile) {
        String[] start = script.ask("rounds").split(" ");
        meanwhile.run();
        String[] end = script.ask("rounds").split(" ");
        return (Long.parseLong(end[0]) - Long.parseLong(start[0])) / (Double.parseDouble(end[1]) - Double.parseDouble(start[1]));
    }

    /** pyprobe's sampler as fast as it goes (every thread, idle ones too, as the peer's -a does). */
    private Figures ours(PythonTarget target, double seconds) {
        SamplingOptions asFastAsPossible = new SamplingOptions(SamplingOptions.MAX_RATE_HZ, SampleMode.WALL, true,
                SamplingOptions.DEFAULT_MAX_DEPTH);
        long reads0 = target.process().memory().syscalls();
        long cpu0 = processCpuNanos();
        SamplingStats stats = new Sampler(target, asFastAsPossible).record(new Profile(false), (long) (seconds * 1e9),
                () -> false, s -> { });
        long cpu = processCpuNanos() - cpu0;
        long reads = target.process().memory().syscalls() - reads0;
        if (stats.ticks() == 0) {
            return new Figures(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double perThousand = 1000.0 / stats.ticks();
        return new Figures(stats.rateHz(), (cpu + stats.kernelCopyNanos()) / 1e6 * perThousand,
                stats.kernelCopyNanos() / 1e6 * perThousand, (double) reads / stats.ticks(),
                stats.stacks() == 0 ? Double.NaN : (double) (stats.stacks() - stats.inconsistent()) / stats.stacks());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPython's {@code profiling.sampling attach -a} at its highest rate, run as the target's own
     * interpreter; inside the target's PID namespace, mounts and root when it runs in a container.
     */
    private Optional<Figures> cpythonSampler(int pid, String executable) {
        // The sampler runs under a shell that prints its children's CPU time once it has exited
        // (utime and stime of the waited-for children, fields 16 and 17 of /proc/self/stat, in clock ticks).
        List<String> cpuReport = List.of("/bin/sh", "-c", "\"$@\"; s=$?; echo; echo \"CHILDREN-CPU "
                + "$(cut -d' ' -f16,17 /proc/$$/stat) $(getconf CLK_TCK)\"; exit $s", "sh");
        return PeerTool.run(pid, executable, cpuReport, ownPid -> List.of("-m", "profiling.sampling", "attach", "-a",
                "-r", Integer.toString((int) SamplingOptions.MAX_RATE_HZ), "-d", Long.toString(Math.round(Math.max(1, seconds))),
                "--collapsed", "-o", "/dev/null", Integer.toString(ownPid))).flatMap(run -> {
                    Matcher m = CAPTURED.matcher(run.output());
                    Matcher cpu = CHILDREN_CPU.matcher(run.output());
                    if (!m.find() || !cpu.find()) {
                        return Optional.empty();
                    }
                    long samples = Long.parseLong(m.group(1));
                    double cpuMillis = (Long.parseLong(cpu.group(1)) + Long.parseLong(cpu.group(2))) * 1000.0
                            / Long.parseLong(cpu.group(3));
                    // Its memory reads are its own business: not counted here.
                    return Optional.of(new Figures(samples / Double.parseDouble(m.group(2)), cpuMillis * 1000 / samples,
                            0, Double.NaN, Double.NaN));
                });
    }
}
