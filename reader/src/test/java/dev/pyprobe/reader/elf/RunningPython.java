package dev.pyprobe.reader.elf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Python process that prints its {@code sys.hexversion} once it is up and then sleeps, so that
 * its mappings are complete while a test looks at them. Closing kills it.
 */
final class RunningPython implements AutoCloseable {
    private static final String SCRIPT = "import sys, time\n"
            + "sys.stdout.write('ready %d\\n' % sys.hexversion)\n"
            + "sys.stdout.flush()\n"
            + "time.sleep(30)\n";

    private final Process process;
    private final long hexVersion;

    private RunningPython(Process process, long hexVersion) {
        this.process = process;
        this.hexVersion = hexVersion;
    }

    static RunningPython start(Path python, Map<String, String> environment) throws IOException {
        return start(List.of(), python, environment);
    }

    /**
     * Runs {@code python} behind a wrapper command (such as {@code unshare ... sh -c '...; exec
     * "$0" "$@"'}) that must exec it in the same process.
     */
    static RunningPython start(List<String> wrapper, Path python, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(python.toString(), "-c", SCRIPT));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(20, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("ready ")) {
                throw new IOException(python + " did not start: printed " + line);
            }
            return new RunningPython(process, Long.parseLong(line.substring(6).trim()));
        } catch (InterruptedException | ExecutionException | TimeoutException | IOException | RuntimeException e) {
            kill(process);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException(python + " did not report ready: " + e, e);
        }
    }

    int pid() {
        return Math.toIntExact(process.pid());
    }

    /** {@code sys.hexversion} as the process printed it. */
    long hexVersion() {
        return hexVersion;
    }

    @Override
    public void close() {
        kill(process);
    }

    private static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
