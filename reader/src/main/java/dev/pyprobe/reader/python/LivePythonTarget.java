package dev.pyprobe.reader.python;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.proc.Freeze;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.python.attach.InterpreterBinary;
import dev.pyprobe.reader.python.attach.RuntimeSymbols;
import dev.pyprobe.reader.python.attach.VersionDetector;
import dev.pyprobe.reader.python.code.CodeObject;
import dev.pyprobe.reader.python.code.CodeObjectCache;
import dev.pyprobe.reader.python.frames.StackReader;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.layout.LayoutTable;
import dev.pyprobe.reader.python.objects.BuiltinKind;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import dev.pyprobe.reader.python.objects.ReadLimits;
import dev.pyprobe.reader.python.objects.ValueLookup;
import dev.pyprobe.reader.python.objects.ValueRenderer;
import dev.pyprobe.reader.python.resolve.CodeResolver;
import dev.pyprobe.reader.python.resolve.ReachableCode;
import dev.pyprobe.reader.python.trace.TracedProcess;
import dev.pyprobe.reader.python.trace.Tracer;
import dev.pyprobe.reader.python.threads.GilHolder;
import dev.pyprobe.reader.python.threads.NativeThreadIds;
import dev.pyprobe.reader.python.threads.ThreadNames;
import dev.pyprobe.reader.python.threads.ThreadStateRef;
import dev.pyprobe.reader.python.threads.ThreadStateWalker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** {@link PythonTarget} over a live process's memory: the parts of the reader put together. */
final class LivePythonTarget implements PythonTarget {
    private static final int MAX_GLOBALS = 10_000;
    private static final int MAX_MODULES = 100_000;
    private static final int STATE_READ_ATTEMPTS = 5;

    private final TargetProcess process;
    private final InterpreterBinary binary;
    private final PythonVersion version;
    private final Layout layout;
    private final ObjectHeap heap;
    private final ValueRenderer renderer;
    private final CodeObjectCache codes;
    private final StackReader stacks;
    private final ThreadStateWalker walker;
    private final GilHolder gil;
    private final ThreadNames names;
    private final NativeThreadIds nativeIds;
    private final RecentMaps maps;
    private final CodeResolver resolver;
    private final ValueLookup lookup;
    private final RuntimeSymbols symbols;
    private Tracer tracer;

    private LivePythonTarget(TargetProcess process, InterpreterBinary binary, PythonVersion version, Layout layout,
                             ReadLimits limits) {
        this.process = process;
        this.binary = binary;
        this.version = version;
        this.layout = layout;
        RemoteMemory memory = process.memory();
        this.symbols = new RuntimeSymbols(binary, layout, process.pid());
        this.heap = new ObjectHeap(memory, layout.objects(), symbols.builtins());
        this.renderer = new ValueRenderer(heap, limits, version.major() == 2);
        this.codes = new CodeObjectCache(heap, layout.code(), symbols.codeType());
        this.stacks = new StackReader(memory, layout.thread(), layout.frame(), codes);
        this.walker = new ThreadStateWalker(memory, layout, symbols.interpreterHead(memory));
        this.gil = new GilHolder(memory, layout.gil(), symbols.gilSymbol(), symbols.runtime());
        this.names = new ThreadNames(heap, layout.interp().modules());
        this.nativeIds = new NativeThreadIds(memory);
        this.maps = new RecentMaps(process);
        this.lookup = new ValueLookup(heap, renderer);
        this.resolver = new CodeResolver(new ReachableCode(heap, codes, layout.code().consts()));
    }

    static PythonTarget attach(int pid, ReadLimits limits) {
        TargetProcess process = TargetProcess.open(pid);
        InterpreterBinary binary = null;
        try {
            MemoryMap maps = process.maps();
            binary = InterpreterBinary.find(process, maps);
            PythonVersion version = new VersionDetector(binary, process.memory()).detect();
            Layout layout = layoutFor(version, binary, process.memory());
            LivePythonTarget target = new LivePythonTarget(process, binary, version, layout, limits);
            target.walker.interpreters(); // proves the anchor leads to a live interpreter
            return target;
        } catch (RuntimeException e) {
            if (binary != null) {
                binary.close();
            }
            process.close();
            throw e;
        }
    }

    /** The table's layout, corrected by the target's own _Py_DebugOffsets where it publishes them. */
    private static Layout layoutFor(PythonVersion version, InterpreterBinary binary, RemoteMemory memory) {
        LayoutTable table = LayoutTable.builtIn();
        Layout fromTable = table.forVersion(version);
        if (table.debugOffsetPositions(version).isEmpty()) {
            return fromTable;
        }
        long runtime = binary.symbol("_PyRuntime").orElseThrow();
        return table.forVersion(version, memory.bytesAt(runtime, 1024));
    }

    @Override
    public int pid() {
        return process.pid();
    }

    @Override
    public PythonVersion version() {
        return version;
    }

    @Override
    public TargetProcess process() {
        return process;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public List<PythonThread> threads() {
        return whileAlive(this::readThreads);
    }

    private List<PythonThread> readThreads() {
        List<ThreadStateRef> refs = walker.threads();
        Set<Integer> tasks = new HashSet<>(); // listed only for versions that do not store the TID
        List<PythonThread> out = new ArrayList<>(refs.size());
        Map<Long, Long> holders = new HashMap<>();
        for (ThreadStateRef ref : refs) {
            long holder = holders.computeIfAbsent(ref.interpreter(), gil::holder);
            if (ref.nativeId() == 0 && tasks.isEmpty()) {
                tasks.addAll(process.tasks());
            }
            int tid = ref.nativeId() != 0 ? ref.nativeId() : nativeIds.tidOf(ref.ident(), tasks);
            boolean idle = tid != 0 && process.taskState(tid).idle();
            out.add(new PythonThread(ref.ident(), tid, names.name(ref.interpreter(), ref.ident()), holder == ref.address(),
                    idle, ref.interpreterId(), ref.address()));
        }
        return out;
    }

    /**
     * Runs a read of the interpreter's state, again a few times if the state changes under it
     * (threads starting or ending, the interpreter starting or shutting down). A failure once the
     * process is gone is reported as that.
     */
    private <T> T whileAlive(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (ProcessExitedException e) {
                throw e;
            } catch (ReaderException e) {
                if (!process.isAlive()) {
                    throw new ProcessExitedException(pid());
                }
                if (attempt >= STATE_READ_ATTEMPTS) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReaderException("interrupted while reading the target", e);
        }
    }

    @Override
    public ThreadStack stack(PythonThread thread, int maxDepth) {
        StackReader.Result r = whileAlive(() -> stacks.read(thread.stateAddress(), maps.get(), maxDepth));
        return new ThreadStack(thread, r.frames(), r.consistent());
    }

    @Override
    public ProcessSnapshot snapshot(SnapshotOptions options) {
        Freeze freeze = options.freeze() ? Freeze.stop(process) : null;
        try {
            return whileAlive(() -> {
                MemoryMap current = maps.get();
                List<ThreadStack> stacksOut = new ArrayList<>();
                for (PythonThread thread : readThreads()) {
                    StackReader.Result r = stacks.read(thread.stateAddress(), current, options.maxDepth(),
                            options.framesBeingSetUp());
                    stacksOut.add(new ThreadStack(thread, r.frames(), r.consistent() || freeze != null));
                }
                return new ProcessSnapshot(pid(), version, Instant.now(), stacksOut);
            });
        } finally {
            if (freeze != null) {
                freeze.close();
            }
        }
    }

    @Override
    public List<NamedValue> locals(PythonFrame frame) {
        CodeObject code = codes.get(frame.codeAddress());
        long[] slots = stacks.localSlots(frame, code);
        List<NamedValue> out = new ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            long value = slots[i];
            if (value != 0 && code.isCellSlot(i)) {
                value = cellContents(value);
            }
            if (value != 0) {
                out.add(new NamedValue(code.localNames().get(i), renderer.render(value)));
            }
        }
        return out;
    }

    /** A cell or free variable's slot holds a cell object; its value is the cell's {@code ob_ref}. */
    private long cellContents(long cell) {
        try {
            return process.memory().readLong(cell + 16);
        } catch (MemoryReadException e) {
            return 0;
        }
    }

    @Override
    public List<NamedValue> globals(PythonFrame frame) {
        long dict = stacks.globals(frame);
        List<NamedValue> out = new ArrayList<>();
        for (ObjectHeap.Entry e : heap.dictEntries(dict, MAX_GLOBALS)) {
            out.add(new NamedValue(heap.name(e.key()), renderer.render(e.value())));
        }
        return out;
    }

    @Override
    public List<NamedValue> children(PyValue value, int start, int count) {
        return renderer.children(value, Math.max(0, start), Math.max(0, count));
    }

    @Override
    public Optional<PyValue> attribute(PyValue value, String name) {
        return lookup.attribute(value, name);
    }

    @Override
    public Optional<PyValue> item(PyValue value, String keyExpression) {
        return lookup.item(value, keyExpression);
    }

    @Override
    public List<CodeLocation> findFunction(String spec) {
        List<CodeLocation> out = new ArrayList<>();
        for (long interp : walker.interpreters()) {
            out.addAll(resolver.function(modulesOf(interp), spec));
        }
        return out;
    }

    @Override
    public List<CodeLocation> findLine(String file, int line) {
        List<CodeLocation> out = new ArrayList<>();
        for (long interp : walker.interpreters()) {
            out.addAll(resolver.line(modulesOf(interp), file, line));
        }
        return out;
    }

    /** Other functions that run from the same bytecode buffer as {@code location} (see CodeResolver). */
    private List<String> sharingBytecode(CodeLocation location) {
        List<String> out = new ArrayList<>();
        for (long interp : walker.interpreters()) {
            out.addAll(resolver.sharingBytecode(modulesOf(interp), location));
        }
        return out;
    }

    private long modulesOf(long interpreter) {
        return process.memory().readLong(interpreter + layout.interp().modules());
    }

    @Override
    public synchronized Tracer tracer() {
        if (tracer == null) {
            tracer = new Tracer(new TracedProcess(process, binary, version, layout, symbols.runtime(),
                    symbols.interpreterHead(process.memory()), heap, this::sharingBytecode), this::findFunction,
                    this::findLine);
        }
        return tracer;
    }

    @Override
    public List<String> moduleFiles() {
        List<String> files = new ArrayList<>();
        for (long interp : walker.interpreters()) {
            for (ObjectHeap.Entry e : heap.dictEntries(modulesOf(interp), MAX_MODULES)) {
                try {
                    if (heap.kindOf(e.value()) != BuiltinKind.MODULE) {
                        continue;
                    }
                    long file = heap.dictLookup(heap.moduleDict(e.value()), "__file__");
                    BuiltinKind k = file == 0 ? BuiltinKind.NONE : heap.kindOf(file);
                    if (k == BuiltinKind.STR || k == BuiltinKind.BYTES) {
                        files.add(heap.name(file));
                    }
                } catch (ReaderException ignored) {
                    // A module being imported or torn down: skip it.
                }
            }
        }
        return files;
    }

    @Override
    public byte[] readMemory(long address, int length) {
        return process.memory().read(address, length);
    }

    @Override
    public synchronized void close() {
        if (tracer != null) {
            tracer.close();
        }
        binary.close();
        process.close();
    }
}
