package dev.pyprobe.reader.testing;

import dev.pyprobe.reader.python.trace.Mechanism;
import java.util.Map;
import java.util.Optional;

/**
 * What each build of the suite offers a tracer, as its binary shows it (readelf): the expectation
 * the tracing tests hold pyprobe's automatic choice to, written down apart from pyprobe's own data.
 */
public final class SuiteBuilds {
    /**
     * The mechanism that traces a function of the build in the kernel without debug registers:
     * USDT where the build has a function__entry probe that fires, uprobes where its opcode table
     * is a symbol (.symtab); absent for stripped builds without USDT.
     */
    private static final Map<String, Mechanism> SID_KERNEL_MECHANISMS = Map.of(
            "python3.13d", Mechanism.UPROBE,
            "python3.15", Mechanism.USDT,
            "python3.15d", Mechanism.USDT);
    /** USDT semaphores raised while a function is traced: function__entry's, and on 3.11 line's too. */
    private static final Map<String, Integer> USDT_SEMAPHORES = Map.of(
            SuitePythons.DEBIAN_PYTHON, 2,
            "python3.15", 1,
            "python3.15d", 1);

    private SuiteBuilds() {
    }

    /** See {@link #SID_KERNEL_MECHANISMS}: every pyenv build has .symtab, Debian's 3.11 has USDT. */
    public static Optional<Mechanism> kernelMechanism(String python) {
        if (python.equals(SuitePythons.DEBIAN_PYTHON)) {
            return Optional.of(Mechanism.USDT);
        }
        if (SuitePythons.inContainer(python)) {
            return Optional.ofNullable(SID_KERNEL_MECHANISMS.get(name(python)));
        }
        return Optional.of(Mechanism.UPROBE);
    }

    /** How many semaphores tracing a function through USDT raises in the build. */
    public static int usdtSemaphores(String python) {
        Integer n = USDT_SEMAPHORES.get(python);
        n = n != null ? n : USDT_SEMAPHORES.get(name(python));
        if (n == null) {
            throw new IllegalArgumentException(python + " has no USDT function probes");
        }
        return n;
    }

    private static String name(String python) {
        return java.nio.file.Path.of(python).getFileName().toString();
    }
}
