package dev.pyprobe.tests.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.testing.ContainerProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPython 3.15's own sampler ("Tachyon"), asked for a one-shot dump of every thread of a target
 * that runs in a container: {@code python3.15 -m profiling.sampling dump -a PID}, run inside the
 * target's PID namespace, mounts and root (as a user of the container would run it), and its
 * text parsed back into threads and frames.
 */
final class TachyonDump {
    private static final Pattern THREAD = Pattern.compile("^Stack dump(?: for PID \\d+)?, thread (\\d+) \\((?:(.*); )?most recent call last\\):$");
    private static final Pattern FRAME = Pattern.compile("^  File \"(.*)\", line (\\d+), in (.+?)(  opcode=.*)?$");

    /** A frame as Tachyon prints it. */
    record Frame(String function, String file, int line) {
    }

    /**
     * One thread: its id inside the namespace, Tachyon's status labels, frames innermost first.
     */
    record ThreadDump(int namespaceTid, String labels, List<Frame> frames) {
    }

    private TachyonDump() {
    }

    /** Dumps the target whose host PID is {@code hostPid} with the root's {@code python} (e.g. /usr/bin/python3.15). */
    static Map<Integer, ThreadDump> of(long hostPid, String python) {
        List<Integer> ids = ContainerProcesses.namespaceIds(Path.of("/proc", Long.toString(hostPid), "status"));
        assertThat(ids).as("NSpid of %d", hostPid).hasSizeGreaterThan(1);
        int inside = ids.get(ids.size() - 1);
        // Working directory /proc (entered once inside the root): Tachyon prints file names
        // relative to it when it can, so from there every file of the target keeps its absolute name.
        List<String> command = List.of("nsenter", "-t", Long.toString(hostPid), "-p", "-m", "-r",
                "/bin/sh", "-c", "cd /proc && exec \"$0\" \"$@\"",
                python, "-m", "profiling.sampling", "dump", "-a", Integer.toString(inside));
        String out = run(command);
        return parse(out);
    }

    static Map<Integer, ThreadDump> parse(String out) {
        Map<Integer, ThreadDump> threads = new LinkedHashMap<>();
        List<Frame> outermostFirst = null;
        for (String line : out.split("\n")) {
            Matcher t = THREAD.matcher(line);
            if (t.matches()) {
                outermostFirst = new ArrayList<>();
                threads.put(Integer.parseInt(t.group(1)), new ThreadDump(Integer.parseInt(t.group(1)), t.group(2),
                        outermostFirst));
                continue;
            }
            Matcher f = FRAME.matcher(line);
            if (f.matches() && outermostFirst != null) {
                outermostFirst.add(new Frame(f.group(3), f.group(1), Integer.parseInt(f.group(2))));
            }
        }
        Map<Integer, ThreadDump> innermostFirst = new LinkedHashMap<>();
        threads.forEach((tid, dump) -> innermostFirst.put(tid,
                new ThreadDump(tid, dump.labels(), reversed(dump.frames()))));
        return innermostFirst;
    }

    private static List<Frame> reversed(List<Frame> frames) {
        List<Frame> copy = new ArrayList<>(frames);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
            String text = new String(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("%s: %s", command, text).isZero();
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
