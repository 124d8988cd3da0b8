package dev.pyprobe.server.dap.breakpoints;


import dev.pyprobe.server.tracing.HitRules;
import dev.pyprobe.server.tracing.HitRuleException;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.python.CodeLocation;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.trace.Tracepoint;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.protocol.BreakpointOptions;
import dev.pyprobe.server.dap.state.ClientOptions;
import dev.pyprobe.server.dap.state.SourceRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.Source;

/**
 * The breakpoints of an attached process: function breakpoints and line breakpoints per source
 * file, each a tracepoint. A new set replaces the previous one of its kind (or file): breakpoints
 * still asked for keep their tracepoint and counts and take the new settings, the others are
 * removed. Once a second, counts that changed are reported (breakpoint {@code changed} events,
 * and output lines for hits not shown, undecidable conditions and events the kernel lost).
 */
public final class Breakpoints implements AutoCloseable {
    static final long REPORT_INTERVAL_MS = 1000;

    private final DebugSession session;
    private final PythonTarget target;
    private final BreakpointOptions options;
    private final SourceRegistry sources;
    private final Captures captures = new Captures();
    private final StopControl stops;
    private final ScheduledExecutorService thread;
    private final HitProcessor processor;
    private final HitPublisher publisher;
    private final Map<String, ActiveBreakpoint> functions = new LinkedHashMap<>();
    private final Map<String, Map<Integer, ActiveBreakpoint>> lines = new HashMap<>();
    private boolean stopTracepointSet;
    private boolean closed;

    /** How one kind of breakpoint is named, placed and described to the client. */
    private interface Kind<K> {
        String label(K key);

        Tracepoint trace(K key, ActiveBreakpoint listener);

        Breakpoint describe(ActiveBreakpoint bp, K key);
    }

    public Breakpoints(DebugSession session, PythonTarget target, BreakpointOptions options, SourceRegistry sources) {
        this.session = session;
        this.target = target;
        this.options = options;
        this.sources = sources;
        this.stops = new StopControl(() -> target.tracer().resume());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pyprobe-breakpoints-" + target.pid());
            t.setDaemon(true);
            return t;
        });
        this.publisher = new HitPublisher(session, captures, thread);
        this.processor = new HitProcessor(target, options.action(), stops, publisher);
        BreakpointReporter reporter = new BreakpointReporter(session, this::active);
        thread.scheduleWithFixedDelay(reporter::report, REPORT_INTERVAL_MS, REPORT_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    public BreakpointOptions options() {
        return options;
    }

    public Captures captures() {
        return captures;
    }

    /**
     * Replaces the function breakpoints; the answers are in the order asked.
     *
     * @param ids the ids to give them (those the client was told before the attach), or null for new ones
     */
    public synchronized List<Breakpoint> setFunctions(List<String> names, List<Requested> requested,
                                                      List<Integer> ids) {
        return replace(functions, names, requested, ids, new Kind<>() {
            @Override
            public String label(String name) {
                return name;
            }

            @Override
            public Tracepoint trace(String name, ActiveBreakpoint listener) {
                return target.tracer().traceFunction(name, options.traceOptions(), listener);
            }

            @Override
            public Breakpoint describe(ActiveBreakpoint bp, String name) {
                Breakpoint b = BreakpointAnswers.verified(bp);
                CodeLocation first = bp.tracepoint().locations().get(0);
                b.setSource(sources.describe(first.file()));
                b.setLine(client().line(first.line()));
                return b;
            }
        });
    }

    /** Replaces the line breakpoints of one file; {@code pythonLines} count from 1. */
    public synchronized List<Breakpoint> setLines(String file, Source source, List<Integer> pythonLines,
                                                  List<Requested> requested, List<Integer> ids) {
        Map<Integer, ActiveBreakpoint> current = lines.computeIfAbsent(file, f -> new LinkedHashMap<>());
        List<Breakpoint> answers = replace(current, pythonLines, requested, ids, new Kind<>() {
            @Override
            public String label(Integer line) {
                return file.substring(file.lastIndexOf('/') + 1) + ":" + line;
            }

            @Override
            public Tracepoint trace(Integer line, ActiveBreakpoint listener) {
                return target.tracer().traceLine(file, line, options.traceOptions(), listener);
            }

            @Override
            public Breakpoint describe(ActiveBreakpoint bp, Integer line) {
                Breakpoint b = BreakpointAnswers.verified(bp);
                b.setSource(source);
                b.setLine(client().line(line));
                return b;
            }
        });
        if (current.isEmpty()) {
            lines.remove(file);
        }
        return answers;
    }

    private <K> List<Breakpoint> replace(Map<K, ActiveBreakpoint> current, List<K> keys, List<Requested> requested,
                                         List<Integer> ids, Kind<K> kind) {
        if (closed) {
            throw new IllegalStateException("breakpoints of a closed session");
        }
        List<Object> parsed = new ArrayList<>(keys.size());
        Map<K, Requested> wanted = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Requested r = requested.get(i);
            try {
                parsed.add(HitRules.parse(r.condition(), r.hitCondition(), r.logMessage()));
                wanted.putIfAbsent(keys.get(i), r);
            } catch (HitRuleException e) {
                parsed.add(e);
            }
        }
        // Unchanged breakpoints keep their tracepoint and counts; changed ones start again from 0 hits.
        for (Iterator<Map.Entry<K, ActiveBreakpoint>> it = current.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<K, ActiveBreakpoint> e = it.next();
            if (!e.getValue().requested().equals(wanted.get(e.getKey()))) {
                e.getValue().close();
                it.remove();
            }
        }
        List<Breakpoint> answers = new ArrayList<>(keys.size());
        Set<K> seen = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            K key = keys.get(i);
            Integer id = ids == null ? null : ids.get(i);
            if (parsed.get(i) instanceof HitRuleException e) {
                answers.add(BreakpointAnswers.unverified(id, kind.label(key), e.getMessage(), session));
            } else if (!seen.add(key)) {
                answers.add(BreakpointAnswers.unverified(id, kind.label(key), "The same breakpoint (" + kind.label(key)
                        + ") is set twice; only the first one is kept.", session));
            } else {
                answers.add(place(current, key, id, requested.get(i), (HitRules) parsed.get(i), kind));
            }
        }
        return answers;
    }

    private <K> Breakpoint place(Map<K, ActiveBreakpoint> current, K key, Integer id, Requested requested,
                                 HitRules settings, Kind<K> kind) {
        ActiveBreakpoint bp = current.get(key);
        if (bp == null) {
            bp = new ActiveBreakpoint(id != null ? id : session.nextBreakpointId(), kind.label(key), requested,
                    settings, processor, options.maxHitsPerSecond());
            try {
                bp.traced(kind.trace(key, bp));
            } catch (ProcessExitedException e) {
                throw e;
            } catch (ReaderException e) {
                return BreakpointAnswers.unverified(bp.id(), kind.label(key), BreakpointAnswers.sentence(e.getMessage()),
                        session);
            }
            stopTracepointSet |= stopAtHit();
            current.put(key, bp);
        }
        Breakpoint b = kind.describe(bp, key);
        bp.shown(b);
        return b;
    }

    private boolean stopAtHit() {
        return options.action() != BreakpointOptions.Action.LOG;
    }

    private ClientOptions client() {
        return session.clientOptions();
    }

    /** Resumes the process a stop breakpoint holds stopped; false when none does. */
    public boolean releaseStop() {
        return stops.release();
    }

    /** Discards a snapshot the client has continued; false when there is no such snapshot. */
    public boolean discard(int captureThreadId) {
        return captures.remove(captureThreadId).isPresent();
    }

    private synchronized List<ActiveBreakpoint> active() {
        List<ActiveBreakpoint> all = new ArrayList<>(functions.values());
        lines.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /**
     * Removes every tracepoint (the process is left with no probe of ours) and resumes the process
     * if a stop breakpoint had stopped it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ActiveBreakpoint bp : active()) {
            bp.close();
        }
        functions.clear();
        lines.clear();
        if (stopTracepointSet && target.isAlive()) {
            // After the probes are gone nothing can stop it again: one SIGCONT ends any stop of ours.
            try {
                stops.releaseAll();
            } catch (ReaderException e) {
                System.err.println("pyprobe: could not resume process " + target.pid() + ": " + e.getMessage());
            }
        }
        thread.shutdownNow();
    }
}
