package dev.pyprobe.tests.support;

import java.time.Duration;
import java.util.function.ToIntFunction;

/** Starts the fixture programs and waits until they are in the state their self-report describes. */
public final class Fixtures {
    private static final Duration THREADS_SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private Fixtures() {
    }

    /** A running fixture and what it said about itself; closing it kills the process. */
    public record Started<R>(FixtureProcess process, R report) implements AutoCloseable {
        public int pid() {
            return process.pid();
        }

        /** The host TID of a thread the fixture reported (its own id differs in a container). */
        public int hostTid(SelfReport.Thread thread) {
            return process.hostTid(thread.nativeId());
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** blocked_threads.py, once its reporter thread is gone and only the reported threads remain. */
    public static Started<SelfReport.BlockedThreads> blockedThreads(Interpreter interpreter) {
        FixtureProcess process = FixtureProcess.start(interpreter, "blocked_threads.py");
        return settled(process, SelfReport.BlockedThreads.class, SelfReport.BlockedThreads::threadCount);
    }

    /** busy.py, once its reporter thread is gone (main and spinner remain). */
    public static Started<SelfReport.Busy> busy(Interpreter interpreter) {
        FixtureProcess process = FixtureProcess.start(interpreter, "busy.py");
        return settled(process, SelfReport.Busy.class, SelfReport.Busy::threadCount);
    }

    private static <R> Started<R> settled(FixtureProcess process, Class<R> type,
                                          ToIntFunction<R> threadCount) {
        try {
            R report = process.report(type);
            process.awaitThreadCount(threadCount.applyAsInt(report), THREADS_SETTLE_TIMEOUT);
            return new Started<>(process, report);
        } catch (AssertionError | RuntimeException e) {
            process.close();
            throw e;
        }
    }
}
