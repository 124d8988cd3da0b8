package dev.pyprobe.reader.python.tasks;

import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.PythonVersion;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.layout.LayoutTable;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pending tasks of a target whose version has an asyncio layout. Where that layout takes
 * numbers from the {@code _asyncio} module's own debug offsets (3.14+), the reader is made once
 * the target has loaded that module; until then no C task can exist, and the list is empty.
 */
public final class TaskListing {
    private final TargetProcess process;
    private final PythonVersion version;
    private final Layout.Asyncio fromTable;
    private final Function<Layout.Asyncio, TaskReader> readerFor;
    private TaskReader reader;

    /** @param readerFor makes the reader for a target's final asyncio layout */
    public TaskListing(TargetProcess process, PythonVersion version, Layout.Asyncio fromTable,
                       Function<Layout.Asyncio, TaskReader> readerFor) {
        this.process = process;
        this.version = version;
        this.fromTable = fromTable;
        this.readerFor = readerFor;
    }

    public synchronized List<AsyncTask> tasks() {
        if (reader == null) {
            LayoutTable table = LayoutTable.builtIn();
            if (!table.hasAsyncioDebugOffsets(version)) {
                reader = readerFor.apply(fromTable);
            } else {
                Optional<RemoteBytes> section = AsyncioDebugSection.of(process);
                if (section.isEmpty()) {
                    return List.of();
                }
                reader = readerFor.apply(table.asyncio(version, section.get()));
            }
        }
        return reader.tasks();
    }
}
