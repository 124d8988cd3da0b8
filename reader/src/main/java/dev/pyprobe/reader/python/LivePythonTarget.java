package dev.pyprobe.reader.python;

import dev.pyprobe.reader.UnsupportedVersionException;
import dev.pyprobe.reader.proc.Freeze;
import dev.pyprobe.reader.proc.PageCachedMemory;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.proc.TaskIds;
import dev.pyprobe.reader.python.attach.InterpreterBinary;
import dev.pyprobe.reader.python.attach.RuntimeSymbols;
import dev.pyprobe.reader.python.attach.TargetLayout;
import dev.pyprobe.reader.python.attach.VersionDetector;
import dev.pyprobe.reader.python.code.CodeObjectCache;
import dev.pyprobe.reader.python.frames.FrameDecoder;
import dev.pyprobe.reader.python.frames.FrameReads;
import dev.pyprobe.reader.python.frames.FrameVariables;
import dev.pyprobe.reader.python.frames.StackReader;
import dev.pyprobe.reader.python.frames.ThreadStacks;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.layout.LayoutTable;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import dev.pyprobe.reader.python.objects.ReadLimits;
import dev.pyprobe.reader.python.objects.ValueLookup;
import dev.pyprobe.reader.python.objects.ValueRenderer;
import dev.pyprobe.reader.python.resolve.CodeResolver;
import dev.pyprobe.reader.python.resolve.LoadedModules;
import dev.pyprobe.reader.python.resolve.ReachableCode;
import dev.pyprobe.reader.python.tasks.TaskHeads;
import dev.pyprobe.reader.python.tasks.TaskListing;
import dev.pyprobe.reader.python.tasks.TaskReader;
import dev.pyprobe.reader.python.threads.GilHolder;
import dev.pyprobe.reader.python.threads.NativeThreadIds;
import dev.pyprobe.reader.python.threads.ThreadLister;
import dev.pyprobe.reader.python.threads.ThreadNames;
import dev.pyprobe.reader.python.threads.ThreadStateRef;
import dev.pyprobe.reader.python.threads.ThreadStateWalker;
import dev.pyprobe.reader.python.trace.TracedProcess;
import dev.pyprobe.reader.python.trace.Tracer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * {@link PythonTarget} over a live process's memory: the parts of the reader put together for one
 * version's layout. Reads of the interpreter's state go through {@link StateReads}, which reads
 * again when the state changes under a read.
 */
final class LivePythonTarget implements PythonTarget {
    private final TargetProcess process;
    private final InterpreterBinary binary;
    private final PythonVersion version;
    private final Optional<String> warning;
    private final StateReads reads;
    private final ThreadStateWalker walker;
    private final ThreadLister threads;
    private final ThreadStacks stacks;
    private final FrameReads frames;
    private final FrameVariables variables;
    private final ValueRenderer renderer;
    private final ValueRenderer wholeRenderer;
    private final ValueLookup lookup;
    private final LoadedModules modules;
    private final TracerSlot tracer;
    private final Supplier<List<AsyncTask>> tasks;

    private LivePythonTarget(TargetProcess process, InterpreterBinary binary, PythonVersion version,
                             TargetLayout targetLayout, ReadLimits limits) {
        this.process = process;
        this.binary = binary;
        this.version = version;
        this.warning = targetLayout.warning();
        Layout layout = targetLayout.layout();
        RemoteMemory memory = process.memory();
        RuntimeSymbols symbols = new RuntimeSymbols(binary, layout, process.pid());
        ObjectHeap heap = new ObjectHeap(memory, layout.objects(), symbols.builtins());
        CodeObjectCache codes = new CodeObjectCache(heap, layout.code(), symbols.codeType());
        LongFunction<String> codeNames = code -> codes.get(code).function();
        this.renderer = new ValueRenderer(heap, limits, layout.objects().reprStyle(), codeNames);
        this.wholeRenderer = new ValueRenderer(heap, ReadLimits.WHOLE, layout.objects().reprStyle(), codeNames);
        FrameDecoder decoder = new FrameDecoder(layout.frame(), codes);
        StackReader stackReader = new StackReader(memory, layout.thread(), decoder);
        FrameReads frameReads = new FrameReads(memory, decoder, layout.code().framesize());
        this.walker = new ThreadStateWalker(memory, layout, symbols.interpreterHead(memory));
        this.reads = new StateReads(process);
        this.threads = new ThreadLister(process, walker,
                new GilHolder(memory, layout.gil(), symbols.gilSymbol(), symbols.runtime()),
                new ThreadNames(heap, layout.interp().modules()), new NativeThreadIds(memory),
                TaskIds.of(process));
        this.frames = frameReads;
        this.stacks = new ThreadStacks(stackReader, threads::list, new RecentMaps(process)::get, process.pid(), version);
        this.variables = new FrameVariables(frameReads, codes, heap, renderer);
        this.lookup = new ValueLookup(heap, renderer);
        this.modules = new LoadedModules(memory, heap, walker::interpreters, layout.interp().modules(),
                new CodeResolver(new ReachableCode(heap, codes, layout.code().consts())));
        this.tasks = tasksOf(layout, memory, symbols);
        this.tracer = new TracerSlot(() -> new Tracer(new TracedProcess(process, binary, version, layout,
                symbols.runtime(), symbols.interpreterHead(memory), heap, modules::sharingBytecode),
                modules::findFunction, modules::findLine));
    }

    /** Tasks are read through a page cache of their own: thousands of small objects in few pages. */
    private Supplier<List<AsyncTask>> tasksOf(Layout layout, RemoteMemory memory, RuntimeSymbols symbols) {
        if (layout.asyncio() == null) {
            return () -> {
                throw UnsupportedVersionException.partNotRead("asyncio tasks", version.toString(),
                        LayoutTable.builtIn().supporting(LayoutTable.ASYNCIO));
            };
        }
        TaskHeads heads = new TaskHeads() {
            @Override
            public List<Long> interpreters() {
                return walker.interpreters();
            }

            @Override
            public List<Long> threads() {
                return walker.threads().stream().map(ThreadStateRef::address).toList();
            }
        };
        TaskListing listing = new TaskListing(process, version, layout.asyncio(), asyncio -> {
            PageCachedMemory pages = new PageCachedMemory(memory);
            ObjectHeap heap = new ObjectHeap(pages, layout.objects(), symbols.builtins());
            FrameReads frames = new FrameReads(pages, new FrameDecoder(layout.frame(),
                    new CodeObjectCache(heap, layout.code(), symbols.codeType())), layout.code().framesize());
            return new TaskReader(pages, heap, frames, asyncio, modules::named, heads);
        });
        return listing::tasks;
    }

    static PythonTarget attach(int pid, ReadLimits limits) {
        return attach(pid, limits, LayoutTable.builtIn());
    }

    /** With another layout table than the built-in one: tests read real targets as versions the table lacks. */
    static PythonTarget attach(int pid, ReadLimits limits, LayoutTable table) {
        TargetProcess process = TargetProcess.open(pid);
        InterpreterBinary binary = null;
        try {
            binary = InterpreterBinary.find(process, process.maps());
            PythonVersion version = new VersionDetector(binary, process.memory()).detect();
            TargetLayout layout = TargetLayout.of(table, version, binary, process.memory());
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

    @Override
    public int pid() {
        return process.pid();
    }

    @Override
    public PythonVersion version() {
        return version;
    }

    @Override
    public Optional<String> warning() {
        return warning;
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
        return reads.whileAlive(threads::list);
    }

    @Override
    public List<PythonThread> refreshThreads(List<PythonThread> known) {
        return reads.whileAlive(() -> threads.refresh(known));
    }

    @Override
    public ThreadStack stack(PythonThread thread, int maxDepth) {
        return reads.whileAlive(() -> stacks.stack(thread, maxDepth));
    }

    @Override
    public List<ThreadStack> stacks(List<PythonThread> threads, int maxDepth) {
        return reads.whileAlive(() -> stacks.stacks(threads, maxDepth));
    }

    @Override
    public StackSampling sampling(double rateHz) {
        return new ReadWhileAlive(stacks.sampling(rateHz));
    }

    /** A recording's stacks, read as every other read of this target: a process gone mid-read says so. */
    private final class ReadWhileAlive implements StackSampling {
        private final StackSampling sampling;

        ReadWhileAlive(StackSampling sampling) {
            this.sampling = sampling;
        }

        @Override
        public void follow(List<PythonThread> threads) {
            sampling.follow(threads);
        }

        @Override
        public List<ThreadStack> stacks(List<PythonThread> threads, int maxDepth) {
            return reads.whileAlive(() -> sampling.stacks(threads, maxDepth));
        }

        @Override
        public Optional<String> kernelCopiesOff() {
            return sampling.kernelCopiesOff();
        }

        @Override
        public long kernelCopiesUsed() {
            return sampling.kernelCopiesUsed();
        }

        @Override
        public long kernelCopyNanos() {
            return sampling.kernelCopyNanos();
        }

        @Override
        public void close() {
            sampling.close();
        }
    }

    @Override
    public Optional<PythonFrame> frameAt(long frameAddress) {
        return frames.frameAt(frameAddress);
    }

    @Override
    public Optional<PythonFrame> calleeBeingPushed(PythonFrame caller, Set<Long> codes) {
        return reads.whileAlive(() -> frames.calleeBeingPushed(caller, codes));
    }

    @Override
    public ProcessSnapshot snapshot(SnapshotOptions options, Consumer<ProcessSnapshot> alongside) {
        Freeze freeze = options.freeze() ? Freeze.stop(process) : null;
        try {
            ProcessSnapshot taken = reads.whileAlive(() -> stacks.snapshot(options, freeze != null));
            alongside.accept(taken);
            return taken;
        } finally {
            if (freeze != null) {
                freeze.close();
            }
        }
    }

    @Override
    public List<AsyncTask> tasks() {
        return reads.whileAlive(tasks::get);
    }

    @Override
    public List<NamedValue> locals(PythonFrame frame) {
        return variables.locals(frame);
    }

    @Override
    public List<NamedValue> globals(PythonFrame frame) {
        return variables.globals(frame);
    }

    @Override
    public List<NamedValue> children(PyValue value, int start, int count) {
        return renderer.children(value, Math.max(0, start), Math.max(0, count));
    }

    @Override
    public String wholeText(PyValue value) {
        return value.address() == 0 ? value.text() : wholeRenderer.render(value.address()).text();
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
        return modules.findFunction(spec);
    }

    @Override
    public List<CodeLocation> findLine(String file, int line) {
        return modules.findLine(file, line);
    }

    @Override
    public Tracer tracer() {
        return tracer.get();
    }

    @Override
    public List<String> moduleFiles() {
        return modules.files();
    }

    @Override
    public byte[] readMemory(long address, int length) {
        return process.memory().read(address, length);
    }

    @Override
    public synchronized void close() {
        tracer.close();
        binary.close();
        process.close();
    }
}
