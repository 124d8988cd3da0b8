package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.elf.ElfSymbol;
import dev.pyprobe.reader.probe.bpf.BpfOutput;
import dev.pyprobe.reader.probe.bpf.FrameArgumentFilter;
import dev.pyprobe.reader.probe.bpf.RunningFrameFilter;
import dev.pyprobe.reader.probe.bpf.TracepointFilter;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.perf.UprobeTarget;
import dev.pyprobe.reader.probe.perf.UserRegister;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.python.CodeLocation;
import dev.pyprobe.reader.python.attach.InterpreterBinary;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Function starts seen by uprobes on the interpreter's own code, for builds without USDT on hosts
 * without hardware breakpoints. Where the layout data says: at the eval function's entry, whose
 * frame argument is checked by {@link FrameArgumentFilter} (up to 3.10), or at the RESUME-family
 * opcode handlers, found in the live computed-goto table, where {@link RunningFrameFilter} finds
 * the running frame from the GIL holder (3.11+). Every Python call of the process traps.
 */
final class UprobeMechanism implements TraceMechanism {
    /**
     * Measured per trap on this project's machines (README, tracing): the kernel emulates the eval
     * entry's first instruction (a push) but single-steps a handler's first (a mov or lea).
     */
    private static final double MICROS_AT_ENTRY = 5;
    private static final double MICROS_AT_HANDLER = 19;
    private static final int OPCODES = 256;

    private final TracedProcess target;
    private final EventLoop loop;
    private final Layout.Uprobe uprobe;
    private List<UprobeTarget> places;
    private TracepointException placesRefused;

    UprobeMechanism(TracedProcess target, EventLoop loop) {
        this.target = target;
        this.loop = loop;
        this.uprobe = target.layout().trace().uprobe();
    }

    @Override
    public Mechanism kind() {
        return Mechanism.UPROBE;
    }

    @Override
    public Optional<String> unavailable() {
        if (uprobe == null) {
            return Optional.of("pyprobe does not know yet where Python " + target.version().series()
                    + " starts a function (no uprobe entry in its layout data)");
        }
        try {
            places();
            return Optional.empty();
        } catch (TracepointException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public boolean tracesLines() {
        return false;
    }

    @Override
    public double microsPerTrap() {
        return uprobe != null && uprobe.site() == Layout.UprobeSite.EVAL_ENTRY ? MICROS_AT_ENTRY : MICROS_AT_HANDLER;
    }

    @Override
    public ArmedProbes arm(String description, List<CodeLocation> locations, TraceOptions options, ProbeHits hits) {
        List<UprobeTarget> places = places();
        return new FilteredUprobes(target.pid(), loop, places, locations, options, hits, this::filter);
    }

    private TracepointFilter filter(CodeLocation location, long flags, BpfOutput output) {
        Layout.Frame frame = target.layout().frame();
        if (uprobe.site() == Layout.UprobeSite.EVAL_ENTRY) {
            return FrameArgumentFilter.load(new FrameArgumentFilter.Params(
                    UserRegister.CALL_ARGUMENTS.get(uprobe.frameArgument()),
                    UserRegister.CALL_ARGUMENTS.get(uprobe.throwflagArgument()), frame.code(), frame.lasti()),
                    location.codeAddress(), flags, output);
        }
        return RunningFrameFilter.load(new RunningFrameFilter.Params(gilStart(), pathToFrame(), frame.code(),
                frame.taggedPointers() ? ~3L : -1L, frame.instrPtr(), uprobe.instrBias(), uprobe.opcodes()),
                location.codeAddress(), flags, output);
    }

    /** Where the GIL holder's thread state is read from: the first pointer of the path. */
    private long gilStart() {
        Layout.Gil gil = target.layout().gil();
        switch (gil.kind()) {
            case RUNTIME:
                return target.runtime() + gil.holder();
            case INTERPRETER_POINTER:
                return target.interpreter() + gil.pointer();
            default:
                throw new TracepointException("the running frame cannot be found from a GIL of kind " + gil.kind());
        }
    }

    /** Offsets from {@link #gilStart()} to the running frame, each step reading a pointer. */
    private List<Integer> pathToFrame() {
        Layout.Gil gil = target.layout().gil();
        List<Integer> steps = new ArrayList<>();
        steps.add(0);
        if (gil.kind() == Layout.GilKind.INTERPRETER_POINTER) {
            steps.add(gil.holder());
        }
        steps.addAll(target.layout().thread().currentFrame());
        return steps;
    }

    /**
     * Where the uprobes go, found once (the binary and its opcode table do not change while it is
     * mapped): every tracepoint, and the availability check before it, ask again.
     */
    private synchronized List<UprobeTarget> places() {
        if (places == null && placesRefused == null) {
            try {
                places = findPlaces();
            } catch (TracepointException e) {
                placesRefused = e;
            }
        }
        if (placesRefused != null) {
            throw placesRefused;
        }
        return places;
    }

    /** File offsets in the interpreter binary of the places every function start passes. */
    private List<UprobeTarget> findPlaces() {
        String path = target.binary().elf().hostPath().toString();
        if (uprobe.site() == Layout.UprobeSite.EVAL_ENTRY) {
            String function = target.layout().trace().evalLoop();
            long offset = target.binary().fileOffsetOf(function).orElseThrow(() -> new TracepointException(
                    target.binary().path() + " has no symbol " + function + " to place a uprobe on"));
            return List.of(UprobeTarget.at(path, offset));
        }
        List<UprobeTarget> places = new ArrayList<>();
        for (long handler : handlers()) {
            OptionalLong offset = target.binary().elf().elf().fileOffsetOf(handler - target.binary().elf().bias());
            places.add(UprobeTarget.at(path, offset.orElseThrow(() -> new TracepointException(String.format(
                    "the RESUME handler at 0x%x is not in %s's code", handler, target.binary().path())))));
        }
        return places;
    }

    /** The distinct handler addresses of the RESUME family, read from the live (relocated) table. */
    private Set<Long> handlers() {
        ElfSymbol table = opcodeTable();
        long at = target.binary().elf().runtimeAddress(table);
        RemoteBytes entries = target.process().memory().bytesAt(at, OPCODES * 8);
        InterpreterBinary.CodeRanges evalLoop;
        try {
            evalLoop = target.binary().functionCode(target.layout().trace().evalLoop());
        } catch (ReaderException e) {
            throw new TracepointException(e.getMessage(), e);
        }
        Set<Long> handlers = new LinkedHashSet<>();
        for (int opcode : uprobe.opcodes()) {
            long handler = entries.i64(opcode * 8);
            if (!evalLoop.contains(handler)) {
                throw new TracepointException(String.format("opcode %d's handler 0x%x is outside %s: %s does not "
                        + "look like Python %s's opcode table", opcode, handler, target.layout().trace().evalLoop(),
                        table.name(), target.version().series()));
            }
            handlers.add(handler);
        }
        return handlers;
    }

    /** The computed-goto table: a local symbol, in the binary's .symtab or its debug file's. */
    private ElfSymbol opcodeTable() {
        String name = uprobe.table();
        return target.binary().elf().symbols().fullTable().orElse(List.of()).stream()
                .filter(s -> s.name().equals(name) || s.name().startsWith(name + "."))
                .findFirst()
                .orElseThrow(() -> new TracepointException(target.binary().path() + " has no " + name
                        + " symbol: on Python " + target.version().series() + " a uprobe finds function starts "
                        + "through that table, a local symbol kept only in .symtab"
                        + target.binary().missingSymbols().map(why -> ", and " + why + "; " + target.debugSymbolsAdvice())
                                .orElse("")));
    }

    @Override
    public void close() {
        // Each tracepoint's probes are closed with it.
    }
}
