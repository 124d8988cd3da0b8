package dev.pyprobe.reader.python.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.testing.SuitePythons;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fixture program of {@code src/test/resources/sampling} running under one interpreter of the
 * suite, from the moment it prints "ready" until it is closed (killed).
 */
final class FixtureProcess implements AutoCloseable {
    final Process process;
    /** The Python process's PID on this host (not the launcher's, for a container build). */
    final int pid;
    /** The taskset arguments that give the caller its CPUs back, once {@link #runApartFromCaller} moved it. */
    private String[] restoreCaller;

    /**
     * @param dir a directory under /tmp: the sid launchers see /tmp, not the test resources
     */
    FixtureProcess(String python, String fixture, Path dir) throws Exception {
        Path script = dir.resolve(fixture);
        if (!Files.exists(script)) {
            try (InputStream in = FixtureProcess.class.getResourceAsStream("/sampling/" + fixture)) {
                assertThat(in).as("fixture " + fixture).isNotNull();
                Files.copy(in, script);
            }
        }
        process = new ProcessBuilder(python, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            pid = (int) SuitePythons.targetPid(process, python);
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as(fixture + " under " + python).isEqualTo("ready");
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    /**
     * CPU time the process has used so far, from /proc (in the kernel's clock ticks, 10 ms): on a
     * loaded machine a busy target that gets little of a CPU sits still, seen the same way by
     * sample after sample, which makes fewer independent samples than the count says.
     */
    double cpuSeconds() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command: state is field 3 of proc(5), utime 14 and stime 15.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /**
     * Puts the target on one CPU and the calling thread (the one that will sample) on another;
     * {@link #close} (from the same thread) gives that thread its CPUs back. Left to the scheduler, the sampler of a 2-CPU machine
     * often runs on the target's CPU, and then reads it while it is preempted, standing still;
     * apart, the target runs on while it is read, as it does under a profiler on an idle
     * multi-core machine, and a result no longer depends on where the scheduler put whom.
     * With fewer than 2 CPUs it says so and leaves them where they are.
     */
    void runApartFromCaller() throws Exception {
        String callerCpus = allowedCpus(Path.of("/proc/thread-self/status"));
        List<Integer> cpus = cpuList(callerCpus);
        if (cpus.size() < 2) {
            System.out.println("[pyprobe tests] one CPU only (" + callerCpus + "): target and sampler share it");
            return;
        }
        String tid = Path.of("/proc/thread-self").toRealPath().getFileName().toString();
        taskset("-a", "-p", "-c", cpus.get(1).toString(), Integer.toString(pid));
        taskset("-p", "-c", cpus.get(0).toString(), tid);
        restoreCaller = new String[] {"-p", "-c", callerCpus, tid};
    }

    private static String allowedCpus(Path status) throws java.io.IOException {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IllegalStateException("no Cpus_allowed_list in " + status);
    }

    /** "0-2,5" as 0, 1, 2, 5. */
    private static List<Integer> cpuList(String list) {
        List<Integer> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String[] range = part.split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int cpu = from; cpu <= to; cpu++) {
                out.add(cpu);
            }
        }
        return out;
    }

    private static void taskset(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("taskset"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    @Override
    public void close() throws Exception {
        if (restoreCaller != null) {
            taskset(restoreCaller);
            restoreCaller = null;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
