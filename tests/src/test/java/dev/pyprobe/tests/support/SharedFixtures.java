package dev.pyprobe.tests.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Fixtures started once per interpreter and shared by every test of the run: reading a target
 * never changes it, so there is no reason to pay for a new one per test. A fixture that failed to
 * start fails every test that asks for it, with the same message, without being retried.
 */
public final class SharedFixtures {
    private static final Map<String, Attempt> STARTED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedFixtures::closeAll, "shared-fixtures-cleanup"));
    }

    private SharedFixtures() {
    }

    public static Fixtures.Started<SelfReport.BlockedThreads> blockedThreads(Interpreter interpreter) {
        return get("blocked_threads.py", interpreter, Fixtures::blockedThreads);
    }

    public static Fixtures.Started<SelfReport.Busy> busy(Interpreter interpreter) {
        return get("busy.py", interpreter, Fixtures::busy);
    }

    @SuppressWarnings("unchecked")
    private static <R> Fixtures.Started<R> get(String script, Interpreter interpreter,
                                               Function<Interpreter, Fixtures.Started<R>> start) {
        Attempt attempt = STARTED.computeIfAbsent(script + "@" + interpreter.description(), key -> {
            try {
                return new Attempt(start.apply(interpreter), null);
            } catch (AssertionError | RuntimeException e) {
                return new Attempt(null, e);
            }
        });
        if (attempt.failure() != null) {
            throw new AssertionError("shared fixture " + script + " on " + interpreter + " did not start",
                    attempt.failure());
        }
        FixtureProcess process = attempt.started().process();
        if (!process.isAlive()) {
            fail("shared fixture " + process + " died; stderr:\n" + process.stderr());
        }
        return (Fixtures.Started<R>) attempt.started();
    }

    private record Attempt(Fixtures.Started<?> started, Throwable failure) {
    }

    private static void closeAll() {
        STARTED.values().stream()
                .filter(a -> a.started() != null)
                .forEach(a -> a.started().close());
    }
}
