package dev.pyprobe.reader.probe.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import dev.pyprobe.reader.probe.perf.Kernel;
import dev.pyprobe.reader.proc.PidNamespaceId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kernel copies a chain of records that a thread of this JVM owns, while that thread spins:
 * the path to the chain, every record's address and bytes, and how the copy ended (at the end of
 * the chain, at a pointer that cannot be read, or after the most records a copy holds).
 */
@Timeout(60)
class ChainCopiesTest {
    private static final long SYS_GETTID = 186;
    private static final int RECORD = 40;
    private static final int LINK = 24;
    /** base + 16 holds the pointer to a block whose + 8 holds the pointer to the first record. */
    private static final ChainCopyProgram.Params PARAMS = new ChainCopyProgram.Params(List.of(16), 8, RECORD, LINK);

    @Test
    void copiesAWholeChainWithThePathToIt() throws Exception {
        try (Memory records = cleared(5L * RECORD); PathTo path = new PathTo(records)) {
            for (int i = 0; i < 5; i++) {
                records.setLong((long) i * RECORD, 1000 + i); // a mark per record
                records.setLong((long) i * RECORD + LINK, i < 4 ? Memory.nativeValue(records) + (i + 1L) * RECORD : 0);
            }
            ChainCopy copy = copyWhileSpinning(path.base());

            assertThat(copy.end()).isEqualTo(ChainCopy.End.COMPLETE);
            assertThat(copy.base()).isEqualTo(path.base());
            assertThat(copy.hopValues()).containsExactly(Memory.nativeValue(path.hop));
            assertThat(copy.first()).isEqualTo(Memory.nativeValue(records));
            assertThat(copy.count()).isEqualTo(5);
            for (int i = 0; i < 5; i++) {
                assertThat(copy.address(i)).isEqualTo(Memory.nativeValue(records) + (long) i * RECORD);
                byte[] bytes = copy.record(i);
                assertThat(bytes).hasSize(RECORD);
                assertThat(bytes).isEqualTo(records.getByteArray((long) i * RECORD, RECORD));
            }
        }
    }

    @Test
    void endsAtAPointerItCannotRead() throws Exception {
        try (Memory records = cleared(2L * RECORD); PathTo path = new PathTo(records)) {
            records.setLong(LINK, Memory.nativeValue(records) + RECORD);
            records.setLong(RECORD + LINK, 64); // no page there
            ChainCopy copy = copyWhileSpinning(path.base());

            assertThat(copy.end()).isEqualTo(ChainCopy.End.UNREADABLE);
            assertThat(copy.count()).isEqualTo(2);
        }
    }

    @Test
    void stopsAfterTheMostRecordsACopyHolds() throws Exception {
        try (Memory record = cleared(RECORD); PathTo path = new PathTo(record)) {
            record.setLong(LINK, Memory.nativeValue(record)); // a chain that never ends
            ChainCopy copy = copyWhileSpinning(path.base());

            assertThat(copy.end()).isEqualTo(ChainCopy.End.DEEPER);
            assertThat(copy.count()).isEqualTo(ChainCopyProgram.MAX_RECORDS);
        }
    }

    @Test
    void saysThereIsNoChainWhenAHopIsNull() throws Exception {
        try (Memory base = cleared(32)) {
            ChainCopy copy = copyWhileSpinning(Memory.nativeValue(base));

            assertThat(copy.end()).isEqualTo(ChainCopy.End.NO_CHAIN);
            assertThat(copy.count()).isZero();
        }
    }

    private static Memory cleared(long bytes) {
        Memory m = new Memory(bytes);
        m.clear();
        return m;
    }

    /** The way to a chain as PARAMS describe it: base + 16 points to hop, hop + 8 to the first record. */
    private static final class PathTo implements AutoCloseable {
        final Memory base = cleared(32);
        final Memory hop = cleared(16);

        PathTo(Memory first) {
            base.setLong(16, Memory.nativeValue(hop));
            hop.setLong(8, Memory.nativeValue(first));
        }

        long base() {
            return Memory.nativeValue(base);
        }

        @Override
        public void close() {
            base.close();
            hop.close();
        }
    }

    /** Watches a thread that spins until its chain has been copied, and returns the copy. */
    private static ChainCopy copyWhileSpinning(long base) throws Exception {
        AtomicBoolean spin = new AtomicBoolean(true);
        AtomicInteger tid = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        Thread spinner = new Thread(() -> {
            tid.set((int) Kernel.syscall(SYS_GETTID, 0, 0, 0, 0, 0));
            started.countDown();
            long x = 0;
            while (spin.get()) {
                x++;
            }
            assertThat(x).isPositive();
        }, "chain owner");
        spinner.start();
        started.await();
        long since = System.nanoTime();
        try (ChainCopies copies = ChainCopies.open(PARAMS, PidNamespaceId.of((int) ProcessHandle.current().pid()),
                250_000, 4)) {
            copies.watch(tid.get(), base);
            assertThat(copies.watched()).containsExactly(tid.get());
            while (true) {
                copies.collect();
                ChainCopy copy = copies.latest(base, since).orElse(null);
                if (copy != null) {
                    assertThat(copy.timeNanos()).isBetween(since, System.nanoTime());
                    return copy;
                }
                Thread.sleep(5);
            }
        } finally {
            spin.set(false);
            spinner.join();
        }
    }
}
