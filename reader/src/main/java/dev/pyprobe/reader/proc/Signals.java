package dev.pyprobe.reader.proc;

/** Sends signals to a process: used only for the opt-in freeze and stop actions. */
public final class Signals {
    private Signals() {
    }

    public static void send(int pid, int signal) {
        LibC.kill(pid, signal);
    }
}
