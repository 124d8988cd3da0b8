package dev.pyprobe.reader.python.threads;

import dev.pyprobe.reader.InconsistentStateException;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/** Walks every interpreter and every thread state in it, bounded and cycle-checked. */
public final class ThreadStateWalker {
    private static final int MAX_INTERPRETERS = 256;
    private static final int MAX_THREADS = 1 << 16;

    private final RemoteMemory memory;
    private final Layout layout;
    private final LongSupplier interpreterHead;

    /** @param interpreterHead reads the address of the first interpreter state (it can change) */
    public ThreadStateWalker(RemoteMemory memory, Layout layout, LongSupplier interpreterHead) {
        this.memory = memory;
        this.layout = layout;
        this.interpreterHead = interpreterHead;
    }

    public List<Long> interpreters() {
        List<Long> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long interp = interpreterHead.getAsLong();
        while (interp != 0) {
            if (!seen.add(interp) || out.size() >= MAX_INTERPRETERS) {
                throw new InconsistentStateException("the interpreter list loops or is implausibly long");
            }
            out.add(interp);
            interp = memory.readLong(interp + layout.interp().next());
        }
        return out;
    }

    public List<ThreadStateRef> threads() {
        Layout.Thread t = layout.thread();
        List<ThreadStateRef> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        List<Long> interpreters = interpreters();
        for (int index = 0; index < interpreters.size(); index++) {
            long interp = interpreters.get(index);
            long id = layout.interp().id() >= 0 ? memory.readLong(interp + layout.interp().id()) : index;
            long tstate = memory.readLong(interp + layout.interp().threadsHead());
            while (tstate != 0) {
                if (!seen.add(tstate) || out.size() >= MAX_THREADS) {
                    throw new InconsistentStateException("the thread list loops or is implausibly long");
                }
                RemoteBytes b = memory.bytesAt(tstate, t.size());
                int nativeId = t.nativeThreadId() >= 0 ? b.i32(t.nativeThreadId()) : 0;
                out.add(new ThreadStateRef(tstate, interp, id, b.i64(t.threadId()), nativeId));
                tstate = b.i64(t.next());
            }
        }
        return out;
    }
}
