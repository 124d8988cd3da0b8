package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.python.attach.InterpreterBinary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells which accesses to a watched instruction are executions of it. The kernel reports every
 * access with the instruction pointer of the code that made it (its "place"); measured on the
 * installed builds:
 * <ul>
 *   <li>Accesses from outside the eval loop's code are never executions (3.11's quickening pass).
 *       That code is the eval function's own range and the fragments split off it: Debian's
 *       3.13+ builds run nearly every opcode handler from {@code _PyEval_EvalFrameDefault.cold}.</li>
 *   <li>An execution is a fetch from a place that recurs execution after execution. One-off
 *       accesses (a specialisation rewriting the instruction, 2.7's periodic check peeking at it)
 *       come from places that recur rarely or never. So an access from a new place is held back
 *       and counted, with the held ones, once its place has recurred and is not a rarity (at
 *       least 1/32 of the busiest place's count).</li>
 *   <li>One execution may access the bytes more than once, in a fixed order (2.7 reads the opcode
 *       and then the argument, 3.12 some instructions twice). The first place to recur marks one
 *       execution per occurrence; the places seen between its first two occurrences on that
 *       thread are the rest of one execution ("followers") and never count.</li>
 * </ul>
 * Known limits, in the README: on 3.13 the first execution from each new call site (the
 * interpreter specialises it from places that never recur) is not counted, and neither is a path
 * that carries under 1/32 of the executions.
 */
final class CallFilter {
    private static final int RARITY = 32;
    private static final int MAX_HELD = 256;

    private final InterpreterBinary.CodeRanges evalLoop;
    private final Map<Long, Long> counts = new HashMap<>();
    private final Set<Long> counted = new HashSet<>();
    private final Set<Long> followers = new HashSet<>();
    private final Map<Long, List<Access>> held = new HashMap<>();
    /** Per thread, the places seen since the anchor's first occurrence, until the anchor is known. */
    private final Map<Integer, List<Long>> sinceFirst = new HashMap<>();
    private long anchor;
    private long busiest;

    /** One access: who made it and when. */
    record Access(int tid, long timeNanos) {
    }

    /** @param evalLoop the eval loop's code: its symbol's range and the fragments split off it */
    CallFilter(InterpreterBinary.CodeRanges evalLoop) {
        this.evalLoop = evalLoop;
    }

    /** The places whose accesses are executions, as learnt so far. */
    synchronized Set<Long> executionPlaces() {
        return Set.copyOf(counted);
    }

    /** The executions this access reveals: none, this one, or held ones and this one. */
    synchronized List<Access> executions(int tid, long timeNanos, long ip) {
        if (!evalLoop.contains(ip) || followers.contains(ip)) {
            return List.of();
        }
        Access access = new Access(tid, timeNanos);
        long count = counts.merge(ip, 1L, Long::sum);
        busiest = Math.max(busiest, count);
        if (anchor == 0) {
            return learnAnchor(tid, ip, count, access);
        }
        if (counted.contains(ip)) {
            return List.of(access);
        }
        if (count >= 2 && count * RARITY >= busiest) {
            return release(ip, access);
        }
        hold(ip, access);
        return List.of();
    }

    /** Until a place recurs, everything is held; the first to recur is the anchor. */
    private List<Access> learnAnchor(int tid, long ip, long count, Access access) {
        List<Long> seen = sinceFirst.computeIfAbsent(tid, t -> new ArrayList<>());
        if (count < 2) {
            seen.add(ip);
            hold(ip, access);
            return List.of();
        }
        anchor = ip;
        int from = seen.indexOf(ip);
        if (from >= 0) {
            for (long place : seen.subList(from + 1, seen.size())) {
                if (place != ip) {
                    followers.add(place);
                    held.remove(place);
                }
            }
        }
        sinceFirst.clear();
        return release(ip, access);
    }

    private List<Access> release(long ip, Access access) {
        counted.add(ip);
        List<Access> out = new ArrayList<>(held.getOrDefault(ip, List.of()));
        held.remove(ip);
        out.add(access);
        return out;
    }

    private void hold(long ip, Access access) {
        List<Access> waiting = held.computeIfAbsent(ip, k -> new ArrayList<>());
        if (waiting.size() < MAX_HELD) {
            waiting.add(access);
        }
    }
}
