package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.PythonFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stop shows first, read into a snapshot's {@link SnapshotValues} with the snapshot, so that
 * it belongs to the snapshot's moment rather than to whenever a view asks: each frame's locals and
 * the first page of each local's children. Run while a freeze holds the process, every value read
 * is the snapshot's own; without one, they follow it within the time the reads take.
 *
 * @param frames      frames whose locals were read
 * @param framesShown frames in the snapshot
 * @param values      locals and children read
 * @param nanos       how long the reads took
 */
public record ReadAhead(int frames, int framesShown, int values, long nanos) {

    /**
     * Reads the innermost frame of every stack first (each thread's, then each task's), then the
     * frame below each, and so on, until {@code budget} values have been read (a frame is read whole
     * once started).
     */
    public static ReadAhead read(SnapshotValues into, ProcessSnapshot snapshot, List<AsyncTask> tasks, int budget) {
        long start = System.nanoTime();
        List<List<PythonFrame>> stacks = new ArrayList<>();
        snapshot.threads().forEach(t -> stacks.add(t.frames()));
        tasks.forEach(t -> stacks.add(t.frames()));
        int deepest = stacks.stream().mapToInt(List::size).max().orElse(0);
        int shown = stacks.stream().mapToInt(List::size).sum();
        int frames = 0;
        int values = 0;
        for (int depth = 0; depth < deepest && values < budget; depth++) {
            for (List<PythonFrame> stack : stacks) {
                if (depth < stack.size() && values < budget) {
                    values += frame(into, stack.get(depth));
                    frames++;
                }
            }
        }
        return new ReadAhead(frames, shown, values, System.nanoTime() - start);
    }

    /** Every frame's locals were read (the budget did not cut them short). */
    public boolean complete() {
        return frames == framesShown;
    }

    /** One frame's locals and their first pages of children; returns how many values that was. */
    private static int frame(SnapshotValues into, PythonFrame frame) {
        List<NamedValue> locals;
        try {
            locals = into.locals(frame);
        } catch (ProcessExitedException e) {
            throw e;
        } catch (ReaderException e) {
            return 0; // kept as the frame's answer: it had returned
        }
        int values = locals.size();
        for (NamedValue local : locals) {
            if (local.value().expandable()) {
                try {
                    values += into.children(local.value(), 0, SnapshotValues.PAGE).size();
                } catch (ProcessExitedException e) {
                    throw e;
                } catch (ReaderException e) {
                    // Not kept: a view that expands it reads it then, and shows that read's answer.
                }
            }
        }
        return values;
    }
}
