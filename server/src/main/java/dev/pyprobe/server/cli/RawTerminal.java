package dev.pyprobe.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The controlling terminal in a mode where single key presses arrive without Enter and are not
 * echoed, restored as it was on close. Done with stty on /dev/tty, as any program over ssh would:
 * no native code, and nothing changes when there is no terminal.
 */
final class RawTerminal implements AutoCloseable {
    private final String saved;

    private RawTerminal(String saved) {
        this.saved = saved;
    }

    /** Null when there is no terminal to put in raw mode (a pipe, a test). */
    static RawTerminal open() {
        if (System.console() == null) {
            return null;
        }
        try {
            String saved = stty("-g").trim();
            stty("-icanon", "-echo", "min", "0", "time", "0");
            return new RawTerminal(saved);
        } catch (IOException e) {
            return null;
        }
    }

    /** A key pressed since the last call, or -1. */
    int poll() throws IOException {
        InputStream in = System.in;
        return in.available() > 0 ? in.read() : -1;
    }

    @Override
    public void close() {
        try {
            stty(saved);
        } catch (IOException e) {
            // The terminal is gone (ssh closed): nothing left to restore.
        }
    }

    private static String stty(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new java.io.File("/dev/tty"));
        Process p = builder.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
