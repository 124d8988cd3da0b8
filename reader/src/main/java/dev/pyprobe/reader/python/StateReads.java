package dev.pyprobe.reader.python;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.proc.TargetProcess;
import java.util.function.Supplier;

/**
 * Runs a read of the interpreter's state, again a few times if the state changes under it
 * (threads starting or ending, the interpreter starting or shutting down). A failure once the
 * process is gone is reported as that.
 */
final class StateReads {
    private static final int ATTEMPTS = 5;
    private static final long PAUSE_MILLIS = 2;

    private final TargetProcess process;

    StateReads(TargetProcess process) {
        this.process = process;
    }

    <T> T whileAlive(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (ProcessExitedException e) {
                throw e;
            } catch (ReaderException e) {
                if (!process.isAlive()) {
                    throw new ProcessExitedException(process.pid());
                }
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReaderException("interrupted while reading the target", e);
        }
    }
}
