package dev.pyprobe.reader.proc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.testing.SuitePythons;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A session that detaches closes the target's memory while another thread may still be reading it
 * (a request answered at that moment): the read in progress finishes, later ones fail with a
 * reader error, and nothing touches the freed native buffers (which would crash the JVM).
 */
@Timeout(60)
class CloseWhileReadingTest {
    @Test
    void closingWhileAnotherThreadReadsFailsTheReadsCleanly() throws Exception {
        String python = SuitePythons.installed().get(0);
        Process target = new ProcessBuilder(python, "-c", "import time; print('up'); time.sleep(60)").start();
        try {
            target.getInputStream().read(new byte[2]);
            TargetProcess process = TargetProcess.open((int) target.pid());
            long address = process.maps().mappings().get(0).start();
            AtomicLong reads = new AtomicLong();
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    while (true) {
                        process.memory().bytesAt(address, 64);
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    ended.set(t);
                }
            });
            reader.start();
            while (reads.get() < 1000) {
                Thread.sleep(1);
            }
            process.close();
            reader.join(10_000);
            assertThat(reader.isAlive()).isFalse();
            assertThat(ended.get()).isInstanceOf(ReaderException.class).hasMessageContaining("closed");
        } finally {
            target.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
