package dev.pyprobe.tests.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Fixtures started once per interpreter and shared by every test of the run: reading a target
 * never changes it, so there is no reason to pay for a new one per test. A fixture that failed to
 * start fails every test that asks for it, with the same message, without being retried.
 */
public final class SharedFixtures {
    private static final Duration THREADS_SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, Attempt> STARTED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedFixtures::closeAll, "shared-fixtures-cleanup"));
    }

    private SharedFixtures() {
    }

    /** A running fixture and what it said about itself. */
    public record Started<R>(FixtureProcess process, R report) {
        public int pid() {
            return process.pid();
        }
    }

    /** blocked_threads.py, once its reporter thread is gone and only the reported threads remain. */
    public static Started<SelfReport.BlockedThreads> blockedThreads(Interpreter interpreter) {
        return get("blocked_threads.py", interpreter, process -> {
            SelfReport.BlockedThreads report = process.report(SelfReport.BlockedThreads.class);
            process.awaitThreadCount(report.threads().size(), THREADS_SETTLE_TIMEOUT);
            return report;
        });
    }

    /** busy.py, once its reporter thread is gone (main and spinner remain). */
    public static Started<SelfReport.Busy> busy(Interpreter interpreter) {
        return get("busy.py", interpreter, process -> {
            SelfReport.Busy report = process.report(SelfReport.Busy.class);
            process.awaitThreadCount(report.threads().size(), THREADS_SETTLE_TIMEOUT);
            return report;
        });
    }

    @SuppressWarnings("unchecked")
    private static <R> Started<R> get(String script, Interpreter interpreter, Function<FixtureProcess, R> settle) {
        Attempt attempt = STARTED.computeIfAbsent(script + "@" + interpreter.description(),
                key -> Attempt.of(interpreter, script, settle));
        if (attempt.failure() != null) {
            throw new AssertionError("shared fixture " + script + " on " + interpreter + " did not start",
                    attempt.failure());
        }
        FixtureProcess process = attempt.started().process();
        if (!process.isAlive()) {
            fail("shared fixture " + process + " died; stderr:\n" + process.stderr());
        }
        return (Started<R>) attempt.started();
    }

    private record Attempt(Started<?> started, Throwable failure) {
        static <R> Attempt of(Interpreter interpreter, String script, Function<FixtureProcess, R> settle) {
            FixtureProcess process = null;
            try {
                process = FixtureProcess.start(interpreter, script);
                return new Attempt(new Started<>(process, settle.apply(process)), null);
            } catch (AssertionError | RuntimeException e) {
                if (process != null) {
                    process.close();
                }
                return new Attempt(null, e);
            }
        }
    }

    private static void closeAll() {
        STARTED.values().stream()
                .filter(a -> a.started() != null)
                .forEach(a -> a.started().process().close());
    }
}
