package dev.pyprobe.reader.python;

import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.python.trace.Tracer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A live CPython process, read from outside. This is the whole surface the server uses: it
 * never sees offsets or raw structures. Every method reads the target as it is now; nothing
 * here writes to it except {@link SnapshotOptions#freeze()}, which stops it for the duration of
 * a read when the user asked for that.
 */
public interface PythonTarget extends AutoCloseable {

    int pid();

    PythonVersion version();

    /**
     * What the user should be told once about this attach, e.g. {@code untested Python version
     * 3.16, read through its debug offsets} for a version newer than pyprobe's layout table.
     */
    Optional<String> warning();

    /** The process as seen through /proc (maps, files through /proc/PID/root, liveness). */
    TargetProcess process();

    boolean isAlive();

    /** Every thread of every interpreter, newest first as the interpreter lists them. */
    List<PythonThread> threads();

    /**
     * Threads from an earlier {@link #threads()} with their GIL and idle state read again, without
     * listing them again: cheap enough for every sample of a profiler. Threads whose kernel task is
     * gone are left out; threads started since are not in it (list again for them).
     */
    List<PythonThread> refreshThreads(List<PythonThread> known);

    /**
     * One thread's stack, read now (innermost first, at most {@code maxDepth} frames): consistent
     * when the thread was blocked while it was read; a running thread's is as one walk found it.
     */
    ThreadStack stack(PythonThread thread, int maxDepth);

    /**
     * Several threads' stacks, read now as a snapshot reads them: a running thread's is the
     * kernel's copy of it where the kernel makes one (which may take a few milliseconds).
     */
    List<ThreadStack> stacks(List<PythonThread> threads, int maxDepth);

    /**
     * What a sampler at {@code rateHz} reads stacks through for one recording (closed when it
     * ends): {@link #stacks}, with the kernel's copies of threads that move where it allows them.
     */
    StackSampling sampling(double rateHz);

    /**
     * The frame at {@code frameAddress}, read now on its own: a frame that a tracepoint hit reports
     * before the thread has made it its current one. Empty when it holds no Python code.
     */
    Optional<PythonFrame> frameAt(long frameAddress);

    /**
     * The frame the thread running {@code caller} is pushing for a call to one of {@code codes},
     * when it is not yet the thread's current one (a tracepoint can hit at the callee's first
     * instruction before the interpreter links its frame in). Empty when there is none to be sure of.
     */
    Optional<PythonFrame> calleeBeingPushed(PythonFrame caller, Set<Long> codes);

    /** Every thread with its stack, read as one snapshot. */
    default ProcessSnapshot snapshot(SnapshotOptions options) {
        return snapshot(options, taken -> { });
    }

    /**
     * A snapshot, and further reads of its moment: {@code alongside} runs with the snapshot before
     * the process is resumed when {@link SnapshotOptions#freeze()} stopped it (its reads are that
     * moment's), or right after the stacks are read otherwise (the process ran on meanwhile).
     */
    ProcessSnapshot snapshot(SnapshotOptions options, Consumer<ProcessSnapshot> alongside);

    /**
     * Every pending asyncio task of every event loop, read now: name, coroutine stack and the tasks
     * that wait for it. Throws {@link dev.pyprobe.reader.UnsupportedVersionException} for a version
     * whose tasks the reader cannot find.
     */
    List<AsyncTask> tasks();

    /** The local variables of a frame taken from a snapshot (fails if the frame has returned since). */
    List<NamedValue> locals(PythonFrame frame);

    /** Global names of the frame's module. */
    List<NamedValue> globals(PythonFrame frame);

    /** Children of a container or object: items, entries or attributes, paged. */
    List<NamedValue> children(PyValue value, int start, int count);

    /**
     * The value's text read now without the display limits of {@link PyValue#text()} (every item,
     * every character), within bounds that keep a read of any object finite: what a user copies.
     */
    String wholeText(PyValue value);

    /** An attribute of an object, read from its instance dict (no descriptors are run). */
    Optional<PyValue> attribute(PyValue value, String name);

    /** {@code value[key]} for list/tuple (integer key) and dict (str or int key). */
    Optional<PyValue> item(PyValue value, String keyExpression);

    /**
     * Functions matching {@code spec}: {@code module:function}, {@code module:Class.method}, or a
     * bare name matched anywhere. Found through the modules, classes and nested code of the
     * target; empty when nothing matches.
     */
    List<CodeLocation> findFunction(String spec);

    /** The code holding instructions of {@code file:line} (file may be a trailing part of the path). */
    List<CodeLocation> findLine(String file, int line);

    /**
     * The tracepoints of this process (created on first use; they are removed when the target is
     * closed). Tracing needs perf_event_open, as root or with CAP_PERFMON.
     */
    Tracer tracer();

    /** File names of the modules in {@code sys.modules}. */
    List<String> moduleFiles();

    /** Raw bytes of the target (for DAP readMemory); unreadable ranges throw. */
    byte[] readMemory(long address, int length);

    @Override
    void close();
}
