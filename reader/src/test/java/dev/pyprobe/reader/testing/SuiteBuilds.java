package dev.pyprobe.reader.testing;

import dev.pyprobe.reader.python.trace.Mechanism;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each build of the suite offers a tracer, as its binary and its debug file show it
 * (readelf -n, readelf -s):
 * the expectations the tracing tests hold pyprobe's automatic choice to, written down apart from
 * pyprobe's own layout data.
 */
public final class SuiteBuilds {
    /** Builds with a function__entry USDT probe that fires: Debian's 3.11 and sid's 3.15 builds. */
    private static final Set<String> USDT = Set.of(SuitePythons.DEBIAN_PYTHON, "python3.15", "python3.15d");
    /**
     * Sid builds whose opcode table is a symbol, of a version pyprobe has uprobe data for: in the
     * debug builds' own .symtab, and for the stripped release builds in the debug file that
     * python3.X-dbg installs in the root (/usr/lib/debug/.build-id); every pyenv build has .symtab
     * (3.14 has no uprobe data at all).
     */
    private static final Set<String> SID_UPROBE = Set.of("python3.13", "python3.13d", "python3.15", "python3.15d");
    /** USDT semaphores raised while a function is traced: function__entry's, and on 3.11 line's too. */
    private static final Map<String, Integer> USDT_SEMAPHORES = Map.of(
            SuitePythons.DEBIAN_PYTHON, 2, "python3.15", 1, "python3.15d", 1);
    /**
     * function__entry hits of one call of a generator that yields 3 times: every resumption fires
     * it on 3.11 (4); 3.15 fires it once more, when the exhausted generator is resumed to finish.
     */
    private static final Map<String, Integer> USDT_GENERATOR_ENTRIES = Map.of(
            SuitePythons.DEBIAN_PYTHON, 4, "python3.15", 5, "python3.15d", 5);

    private SuiteBuilds() {
    }

    /**
     * The mechanism that traces a function of the build in the kernel without debug registers:
     * USDT where the build has a function__entry probe that fires, else uprobes where its opcode
     * table is a symbol (in the binary or its debug file); absent where neither serves (sid's 3.14
     * builds).
     */
    public static Optional<Mechanism> kernelMechanism(String python) {
        if (offersUsdt(python)) {
            return Optional.of(Mechanism.USDT);
        }
        return offersUprobe(python) ? Optional.of(Mechanism.UPROBE) : Optional.empty();
    }

    public static boolean offersUsdt(String python) {
        return USDT.contains(python) || USDT.contains(name(python)) && SuitePythons.inContainer(python);
    }

    public static boolean offersUprobe(String python) {
        if (python.equals(SuitePythons.DEBIAN_PYTHON)) {
            return false;
        }
        return !SuitePythons.inContainer(python) || SID_UPROBE.contains(name(python));
    }

    /** How many semaphores tracing a function through USDT raises in the build. */
    public static int usdtSemaphores(String python) {
        return usdtFact(USDT_SEMAPHORES, python);
    }

    /** function__entry hits per call of trace_target.py's counting() generator. */
    public static int usdtGeneratorEntries(String python) {
        return usdtFact(USDT_GENERATOR_ENTRIES, python);
    }

    private static int usdtFact(Map<String, Integer> facts, String python) {
        Integer n = facts.containsKey(python) ? facts.get(python) : facts.get(name(python));
        if (n == null || !offersUsdt(python)) {
            throw new IllegalArgumentException(python + " has no USDT function probes");
        }
        return n;
    }

    private static String name(String python) {
        return Path.of(python).getFileName().toString();
    }
}
