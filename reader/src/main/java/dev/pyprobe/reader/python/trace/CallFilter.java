package dev.pyprobe.reader.python.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells which accesses to a watched instruction are executions of it, from the instruction
 * pointer of the code that made each access (measured on the installed builds):
 * <ul>
 *   <li>Accesses from outside the eval loop are never executions (3.11's quickening pass).</li>
 *   <li>An execution is a fetch by the eval loop, from a few places that recur call after call;
 *       one-off accesses inside the eval loop (a specialisation rewriting the instruction, a
 *       periodic check peeking at it) do not recur. So the first access from a new place is held
 *       back and counted only once that place is seen again.</li>
 *   <li>Where one fetch reads the bytes twice ({@code readsPerExecution} = 2: 2.7 reads the opcode
 *       and then its argument, 3.12 reads a function's first instruction twice), only the place of
 *       the first read of each pair counts.</li>
 * </ul>
 */
final class CallFilter {
    private final long evalLoopStart;
    private final long evalLoopEnd;
    private final int readsPerExecution;
    private final Map<Long, Long> seen = new HashMap<>();
    private final Map<Long, Held> held = new HashMap<>();
    private final Map<Integer, Long> lastIpByThread = new HashMap<>();
    private long pairStart;

    /** An access waiting for its place to recur. */
    record Held(int tid, long timeNanos) {
    }

    CallFilter(long evalLoopStart, long evalLoopEnd, int readsPerExecution) {
        this.evalLoopStart = evalLoopStart;
        this.evalLoopEnd = evalLoopEnd;
        this.readsPerExecution = Math.max(1, readsPerExecution);
    }

    /** The executions this access reveals: none, this one, or a held one and this one. */
    synchronized List<Held> executions(int tid, long timeNanos, long ip) {
        if (Long.compareUnsigned(ip, evalLoopStart) < 0 || Long.compareUnsigned(ip, evalLoopEnd) >= 0) {
            return List.of();
        }
        Long previous = lastIpByThread.put(tid, ip);
        if (readsPerExecution > 1) {
            return pairedRead(tid, timeNanos, ip, previous);
        }
        long count = seen.merge(ip, 1L, Long::sum);
        if (seen.size() == 1 && count == 1) {
            // The first access is an execution (a cold function's first one comes from a place
            // that never recurs: counting it here is the only way to count it at all).
            return List.of(new Held(tid, timeNanos));
        }
        if (count == 1) {
            held.put(ip, new Held(tid, timeNanos));
            return List.of();
        }
        List<Held> out = new ArrayList<>(2);
        Held first = held.remove(ip);
        if (count == 2 && seen.size() == 1) {
            first = null; // the first access of all was counted when it happened
        }
        if (first != null) {
            out.add(first);
        }
        out.add(new Held(tid, timeNanos));
        return out;
    }

    private List<Held> pairedRead(int tid, long timeNanos, long ip, Long previous) {
        if (pairStart == 0) {
            // Learn the first read of a pair: the place of a read followed at once by another place.
            if (previous != null && previous != ip && held.containsKey(previous)) {
                pairStart = previous;
                return List.of(held.remove(previous));
            }
            held.clear();
            held.put(ip, new Held(tid, timeNanos));
            return List.of();
        }
        return ip == pairStart ? List.of(new Held(tid, timeNanos)) : List.of();
    }
}
