package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.UnsupportedVersionException;
import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.server.dap.protocol.TaskOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the asyncio tasks a pause shows, as the attach arguments ask, and what the console should
 * say of them. A pause never fails for its tasks: a version whose tasks are not read, or a read
 * that failed, leaves them out with a line that says why (the first once per session, as it
 * never changes; a failed read at each pause it happens).
 */
final class TaskReading {
    private boolean unsupportedSaid;

    /** The tasks read and the console lines about them. */
    record Read(List<AsyncTask> tasks, List<String> notes) {
    }

    /** Runs inside the snapshot's {@code alongside} reads, so that with freeze the tasks are its moment's. */
    Read read(PythonTarget target, TaskOptions options) {
        if (!options.shown()) {
            return new Read(List.of(), List.of());
        }
        List<AsyncTask> tasks;
        try {
            tasks = target.tasks();
        } catch (UnsupportedVersionException e) {
            return new Read(List.of(), once("Asyncio tasks are not shown as threads: " + e.getMessage() + "."));
        } catch (ProcessExitedException e) {
            throw e;
        } catch (ReaderException e) {
            return new Read(List.of(), List.of("Asyncio tasks could not be read with this snapshot, so none are shown: "
                    + e.getMessage()));
        }
        List<String> notes = new ArrayList<>();
        if (tasks.size() > options.max()) {
            notes.add(tasks.size() + " asyncio tasks are pending; the Call Stack shows the first " + options.max()
                    + " (attach argument \"" + TaskOptions.MAX + "\"; \"" + TaskOptions.SHOWN + "\": false shows none).");
        }
        return new Read(tasks, notes);
    }

    private List<String> once(String note) {
        boolean first = !unsupportedSaid;
        unsupportedSaid = true;
        return first ? List.of(note) : List.of();
    }
}
