package dev.pyprobe.reader;

/** The target existed when it was attached but has exited since, possibly in the middle of a read. */
public class ProcessExitedException extends ReaderException {
    private final int pid;

    public ProcessExitedException(int pid) {
        super("process " + pid + " has exited");
        this.pid = pid;
    }

    public int pid() {
        return pid;
    }
}
