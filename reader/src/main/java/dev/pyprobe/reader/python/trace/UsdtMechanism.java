package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.bpf.UsdtArgumentFilter;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.usdt.ArgSpec;
import dev.pyprobe.reader.probe.usdt.SemaphoreHolder;
import dev.pyprobe.reader.probe.usdt.UsdtProbe;
import dev.pyprobe.reader.probe.usdt.UsdtProbes;
import dev.pyprobe.reader.python.CodeLocation;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Function starts seen by CPython's {@code function__entry} USDT probe, where the build has one
 * that fires. One probe site serves every function: {@link UsdtArgumentFilter} keeps the traced
 * function's hits in the kernel. On 3.11 the probe fires only while the {@code line} probe's
 * semaphore is raised; the kernel raises it for as long as a uprobe carrying it is placed at an
 * instruction that never runs again (the entry of {@code Py_BytesMain}). That semaphore sends
 * every line of the process down the interpreter's slow tracing path, so a tracepoint that only
 * counts uses {@code function__return} there, which fires once per call without it.
 */
final class UsdtMechanism implements TraceMechanism {
    /** Measured per trap on a USDT nop, on this project's machines (see the README's tracing section). */
    private static final double MICROS_PER_TRAP = 1.2;
    private static final String ANCHOR = "Py_BytesMain";

    private final TracedProcess target;
    private final EventLoop loop;
    private final Layout.UsdtEntry entry;
    private SemaphoreHolder lineSemaphore;
    private List<UsdtProbe> notes;
    private int armed;

    UsdtMechanism(TracedProcess target, EventLoop loop) {
        this.target = target;
        this.loop = loop;
        this.entry = target.layout().trace().usdtFunctionEntry();
    }

    @Override
    public Mechanism kind() {
        return Mechanism.USDT;
    }

    @Override
    public Optional<String> unavailable() {
        if (entry == Layout.UsdtEntry.ABSENT) {
            return Optional.of("Python " + target.version().series() + " has no function__entry USDT probe (removed "
                    + "in 3.12-3.14)");
        }
        if (probe("function__entry").isEmpty()) {
            return Optional.of(target.binary().path() + " has no function__entry USDT probe (not built --with-dtrace)");
        }
        return Optional.empty();
    }

    @Override
    public boolean tracesLines() {
        return false;
    }

    @Override
    public double microsPerTrap() {
        return MICROS_PER_TRAP;
    }

    @Override
    public synchronized ArmedProbes arm(String description, List<CodeLocation> locations, TraceOptions options,
                                        ProbeHits hits) {
        boolean countOnly = !options.streamHits() && !options.stopAtHit();
        // Where function__entry needs the line semaphore, which sends every line down the slow tracing path, a
        // count is taken at the return instead: one per call (also a call that raises), as bpftrace counts.
        boolean atReturn = countOnly && entry == Layout.UsdtEntry.NEEDS_LINE_SEMAPHORE;
        String probeName = atReturn ? "function__return" : "function__entry";
        UsdtProbe probe = probe(probeName).orElseThrow(() -> new TracepointException(
                unavailable().orElse("no " + probeName + " probe")));
        UsdtArgumentFilter.Argument file = argument(probe, 0);
        UsdtArgumentFilter.Argument name = argument(probe, 1);
        if (!atReturn) {
            raiseLineSemaphore();
        }
        try {
            FilteredUprobes probes = new FilteredUprobes(target.pid(), loop, List.of(probe.uprobe()), locations,
                    options, hits, (location, flags, output) -> {
                        long[] names = nameBytes(location);
                        return UsdtArgumentFilter.load(file, name, names[0], names[1], flags, output);
                    });
            armed++;
            return new ArmedProbes() {
                @Override
                public OptionalLong kernelHits() {
                    return probes.kernelHits();
                }

                @Override
                public long traps() {
                    return probes.traps();
                }

                @Override
                public void close() {
                    probes.close();
                    released();
                }
            };
        } catch (RuntimeException e) {
            lowerLineSemaphoreIfUnused();
            throw e;
        }
    }

    /** The addresses of the file and function name bytes the probe passes for this code object. */
    private long[] nameBytes(CodeLocation location) {
        Layout.Code code = target.layout().code();
        long[] out = new long[2];
        int[] fields = {code.filename(), code.name()};
        for (int i = 0; i < 2; i++) {
            long str = target.process().memory().readLong(location.codeAddress() + fields[i]);
            OptionalLong bytes = target.heap().utf8Address(str);
            if (bytes.isEmpty()) {
                throw new TracepointException(location.function() + "'s " + (i == 0 ? "file" : "function")
                        + " name is not ASCII and has not been encoded to UTF-8 yet, so the USDT probe's argument "
                        + "cannot be known in advance: use --mechanism uprobe or watchpoint");
            }
            out[i] = bytes.getAsLong();
        }
        return out;
    }

    private static UsdtArgumentFilter.Argument argument(UsdtProbe probe, int index) {
        ArgSpec spec = probe.arguments().get(index);
        if (spec.size() != 8 || spec.kind() == ArgSpec.Kind.CONSTANT || spec.register().isEmpty()) {
            throw new TracepointException(probe.name() + "'s argument " + index + " (" + spec
                    + ") is not a pointer in a register or in memory: cannot filter on it");
        }
        return new UsdtArgumentFilter.Argument(spec.register().get(), spec.kind() == ArgSpec.Kind.MEMORY,
                spec.displacement());
    }

    private Optional<UsdtProbe> probe(String name) {
        return notes().stream().filter(p -> p.provider().equals("python") && p.name().equals(name)).findFirst();
    }

    /** The binary's probes, read from its notes once: they do not change while it is mapped. */
    private synchronized List<UsdtProbe> notes() {
        if (notes == null) {
            try {
                notes = UsdtProbes.inBinary(target.process(), target.binary().elf());
            } catch (ProbeException e) {
                notes = List.of();
            }
        }
        return notes;
    }

    private void raiseLineSemaphore() {
        if (entry != Layout.UsdtEntry.NEEDS_LINE_SEMAPHORE || lineSemaphore != null) {
            return;
        }
        UsdtProbe line = probe("line").filter(UsdtProbe::hasSemaphore).orElseThrow(() -> new TracepointException(
                "on Python " + target.version().series() + " function__entry fires only while the line probe's "
                        + "semaphore is raised, and this build's line probe has none"));
        OptionalLong anchor = UsdtProbes.functionEntryOffset(target.binary().elf(), ANCHOR);
        if (anchor.isEmpty()) {
            throw new TracepointException(target.binary().path() + " has no " + ANCHOR + " symbol to hold the line "
                    + "semaphore that function__entry needs on Python " + target.version().series());
        }
        lineSemaphore = SemaphoreHolder.raise(target.pid(), line, anchor.getAsLong());
    }

    private synchronized void released() {
        armed--;
        lowerLineSemaphoreIfUnused();
    }

    private synchronized void lowerLineSemaphoreIfUnused() {
        if (armed == 0 && lineSemaphore != null) {
            lineSemaphore.close();
            lineSemaphore = null;
        }
    }

    @Override
    public synchronized void close() {
        armed = 0;
        lowerLineSemaphoreIfUnused();
    }
}
