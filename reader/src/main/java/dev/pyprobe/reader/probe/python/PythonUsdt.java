package dev.pyprobe.reader.probe.python;

import dev.pyprobe.reader.elf.LoadedElf;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.bpf.BpfProgram;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.perf.PerfEvent;
import dev.pyprobe.reader.probe.perf.SampleFormat;
import dev.pyprobe.reader.probe.perf.UprobeTarget;
import dev.pyprobe.reader.probe.usdt.CString;
import dev.pyprobe.reader.probe.usdt.UsdtAttachment;
import dev.pyprobe.reader.probe.usdt.UsdtHit;
import dev.pyprobe.reader.probe.usdt.UsdtListener;
import dev.pyprobe.reader.probe.usdt.UsdtProbe;
import dev.pyprobe.reader.probe.usdt.UsdtProbes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.proc.TargetProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * CPython's frame probes (function entry/return, line) attached to one process, delivering
 * decoded hits: file name, function name and line number.
 *
 * <p>On 3.11 function__entry needs the {@code line} semaphore raised. The kernel does that for
 * us, with cleanup when our descriptor closes, if we place a uprobe that carries the line
 * semaphore's offset at an instruction that never runs again (the caller passes one, such as
 * the entry of {@code Py_BytesMain}). The line probe itself stays unattached, so each line costs
 * a test of the semaphore, not a trap.
 */
public final class PythonUsdt implements AutoCloseable {
    /** Longest file or function name read; longer ones are cut. */
    public static final int MAX_NAME_BYTES = 4096;
    /** Runs once, at interpreter start: a place for a uprobe that must never fire. */
    static final String ANCHOR = "Py_BytesMain";

    private final List<UsdtAttachment> attachments = new ArrayList<>();
    private PerfEvent semaphoreHolder;

    private PythonUsdt() {
    }

    /**
     * Attaches the {@code kinds} probes found in {@code probes} (the python provider's notes of
     * the target's binary) to every thread of {@code pid}.
     *
     * @param lineSemaphoreAnchor file offset, in the binary holding the probes, of an
     *     instruction that never runs again; required when {@code entryNeedsLineSemaphore} and
     *     function entry is asked for
     * @param stop a KPROBE-type BPF program to run at each hit (the stop program), or null
     */
    public static PythonUsdt attach(int pid, List<UsdtProbe> probes, Set<PythonProbeKind> kinds,
            boolean entryNeedsLineSemaphore, OptionalLong lineSemaphoreAnchor, EventLoop loop, RemoteMemory memory,
            PythonProbeListener listener, BpfProgram stop) {
        PythonUsdt set = new PythonUsdt();
        try {
            for (PythonProbeKind kind : kinds) {
                UsdtProbe probe = find(probes, kind);
                if (probe.arguments().size() != 3) {
                    throw new ProbeException("python:" + kind.noteName() + " has " + probe.arguments().size()
                            + " arguments, expected (filename, funcname, lineno)");
                }
                set.attachments.add(UsdtAttachment.attach(probe, pid, loop, memory, decoder(kind, memory, listener), stop));
            }
            if (entryNeedsLineSemaphore && kinds.contains(PythonProbeKind.FUNCTION_ENTRY)
                    && !kinds.contains(PythonProbeKind.LINE)) {
                UsdtProbe line = find(probes, PythonProbeKind.LINE);
                if (!line.hasSemaphore() || lineSemaphoreAnchor.isEmpty()) {
                    throw new ProbeException("on this Python, function entry probes fire only while the line probe's "
                            + "semaphore is raised, and " + (line.hasSemaphore() ? "no anchor instruction was given"
                                    : "the line probe has no semaphore"));
                }
                set.semaphoreHolder = raise(pid, line, lineSemaphoreAnchor.getAsLong());
            }
            return set;
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }

    /**
     * Attaches the {@code kinds} probes of {@code binary} (the ELF file that holds the
     * interpreter: the executable of a static build, libpython of a shared one), applying what
     * {@link PythonUsdtQuirks} says about this Python version; the 3.11 anchor is the entry of
     * {@code Py_BytesMain}, which runs once at start-up.
     */
    public static PythonUsdt attach(TargetProcess process, LoadedElf binary, int major, int minor,
            Set<PythonProbeKind> kinds, EventLoop loop, PythonProbeListener listener, BpfProgram stop) {
        boolean needsLine = PythonUsdtQuirks.entryNeedsLineSemaphore(major, minor);
        List<UsdtProbe> probes = UsdtProbes.inBinary(process, binary);
        kinds.forEach(kind -> find(probes, kind)); // a missing probe is the first thing to report
        OptionalLong anchor = needsLine ? UsdtProbes.functionEntryOffset(binary, ANCHOR) : OptionalLong.empty();
        if (needsLine && anchor.isEmpty() && kinds.contains(PythonProbeKind.FUNCTION_ENTRY)) {
            throw new ProbeException(binary.pathInTarget() + " has no " + ANCHOR + " symbol to hold the line semaphore"
                    + " that function entry probes need on Python " + major + "." + minor);
        }
        return attach(process.pid(), probes, kinds, needsLine, anchor, loop, process.memory(), listener, stop);
    }

    /**
     * A uprobe at {@code anchorOffset} carrying {@code line}'s semaphore: the kernel raises the
     * semaphore in every process it installs the probe in, which is what we want; the probe
     * itself never fires. One event on the main thread is enough, semaphores are per process.
     */
    private static PerfEvent raise(int pid, UsdtProbe line, long anchorOffset) {
        UprobeTarget target = UprobeTarget.withSemaphore(line.binaryPath(), anchorOffset, line.semaphoreFileOffset());
        PerfEvent e = PerfEvent.uprobe(target, pid, SampleFormat.basic(), 1);
        try {
            e.enable();
            return e;
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    private static UsdtProbe find(List<UsdtProbe> probes, PythonProbeKind kind) {
        return probes.stream()
                .filter(p -> p.provider().equals("python") && p.name().equals(kind.noteName()))
                .findFirst()
                .orElseThrow(() -> new ProbeException("this Python has no python:" + kind.noteName()
                        + " USDT probe (built without --with-dtrace, or 3.12-3.14 which removed it)"));
    }

    private static UsdtListener decoder(PythonProbeKind kind, RemoteMemory memory, PythonProbeListener listener) {
        return new UsdtListener() {
            @Override
            public void onHit(UsdtHit hit) {
                String file;
                String function;
                try {
                    file = CString.read(memory, hit.argument(0), MAX_NAME_BYTES);
                    function = CString.read(memory, hit.argument(1), MAX_NAME_BYTES);
                } catch (RuntimeException e) {
                    listener.onDecodeError(kind, hit.tid(), e);
                    return;
                }
                listener.onHit(new PythonProbeHit(kind, hit.tid(), hit.timeNanos(), file, function, (int) hit.argument(2)));
            }

            @Override
            public void onLost(long count) {
                listener.onLost(kind, count);
            }

            @Override
            public void onThrottled(int tid) {
                listener.onThrottled(kind, tid);
            }

            @Override
            public void onDecodeError(UsdtProbe probe, int tid, RuntimeException error) {
                listener.onDecodeError(kind, tid, error);
            }

            @Override
            public void onThreadFailed(int tid, ProbeException reason) {
                listener.onThreadFailed(tid, reason);
            }
        };
    }

    /** Looks for new and exited threads now instead of at the next periodic scan. */
    public void rescanThreads() {
        attachments.forEach(a -> a.threads().rescan());
    }

    /** Hits the kernel dropped over all probes. */
    public long lost() {
        return attachments.stream().mapToLong(UsdtAttachment::lost).sum();
    }

    /** Times the kernel throttled any of the probes. */
    public long throttled() {
        return attachments.stream().mapToLong(UsdtAttachment::throttled).sum();
    }

    @Override
    public void close() {
        attachments.forEach(UsdtAttachment::close);
        attachments.clear();
        if (semaphoreHolder != null) {
            semaphoreHolder.close();
            semaphoreHolder = null;
        }
    }
}
