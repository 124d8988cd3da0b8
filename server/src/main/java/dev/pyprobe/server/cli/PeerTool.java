package dev.pyprobe.server.cli;

import dev.pyprobe.reader.proc.NamespaceIds;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A peer tool a benchmark measures pyprobe against, run as the target's own interpreter
 * ({@code python -m ...}): inside the target's PID namespace, mounts and root when the target runs
 * in a container, so that the tool sees the target's /proc and files, and given the PID the target
 * has there.
 */
final class PeerTool {
    private static final long TIMEOUT_SECONDS = 120;

    /** What the tool printed (stdout and stderr), and how long it ran from start to exit. */
    record Run(String output, long nanos) {
    }

    private PeerTool() {
    }

    /**
     * Runs {@code executable} with the arguments {@code args} makes of the target's PID as the
     * tool sees it, optionally under a shell command {@code wrapper} that gets them as "$@".
     * Empty when it fails or exits non-zero (the build has no such tool); the caller checks that
     * the output is the tool's.
     */
    static Optional<Run> run(int pid, String executable, List<String> wrapper, IntFunction<List<String>> args) {
        List<String> command = new ArrayList<>();
        Optional<NamespaceIds> ids = NamespaceIds.ofProcess(pid);
        if (ids.map(NamespaceIds::nested).orElse(false)) {
            // Into the target's PID namespace, mounts and root, with a working directory that exists there.
            command.addAll(List.of("nsenter", "-t", Integer.toString(pid), "-p", "-m", "-r", "/bin/sh", "-c",
                    "cd / && exec \"$0\" \"$@\""));
        }
        command.addAll(wrapper);
        command.add(executable);
        command.addAll(args.apply(ids.map(NamespaceIds::own).orElse(pid)));
        try {
            long start = System.nanoTime();
            // Nothing on stdin: a build without the tool may start a REPL instead (python -m asyncio does).
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new Run(text, System.nanoTime() - start));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
