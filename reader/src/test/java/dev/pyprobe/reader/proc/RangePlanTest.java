package dev.pyprobe.reader.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** How requests of a batch become remote ranges: in order, complete, never reaching an untouched page. */
class RangePlanTest {
    private static final long BASE = 0x7f00_0000_0000L;

    @Test
    void fiftyFrameHeadersInTwoPagesAreOneRange() {
        ReadBatch batch = new ReadBatch();
        for (int i = 49; i >= 0; i--) {
            batch.add(BASE + 100 + i * 88L, 80); // innermost first: descending addresses, as a stack's chain
        }
        List<RangePlan.Range> ranges = RangePlan.plan(batch.requests(), 0, 50, 1024, true);
        assertThat(ranges).hasSize(1);
        assertThat(ranges.get(0).start()).isEqualTo(BASE + 100);
        assertThat(ranges.get(0).length()).isEqualTo(49 * 88L + 80);
    }

    @Test
    void aBarrierKeepsTheSecondCopyApart() {
        ReadBatch batch = new ReadBatch();
        batch.add(BASE, 8);
        batch.add(BASE + 16, 8);
        batch.barrier();
        batch.add(BASE, 8);
        batch.add(BASE + 16, 8);
        assertThat(RangePlan.plan(batch.requests(), 0, 4, 1024, true)).extracting(RangePlan.Range::count)
                .containsExactly(2, 2);
    }

    @Test
    void farApartRequestsStayApart() {
        ReadBatch batch = new ReadBatch();
        batch.add(BASE, 8);
        batch.add(BASE + 3 * RangePlan.PAGE, 8);
        assertThat(RangePlan.plan(batch.requests(), 0, 2, 1024, true)).hasSize(2);
    }

    @Property(tries = 300)
    void rangesCoverEveryRequestInOrderAndNoUntouchedPage(@ForAll("batches") List<long[]> spec) {
        ReadBatch batch = new ReadBatch();
        for (long[] r : spec) {
            if (r[2] == 1) {
                batch.barrier();
            }
            batch.add(r[0], (int) r[1]);
        }
        List<ReadBatch.Request> requests = batch.requests();
        List<RangePlan.Range> ranges = RangePlan.plan(requests, 0, requests.size(), 1024, true);
        int next = 0;
        for (RangePlan.Range range : ranges) {
            assertThat(range.first()).as("in order, none skipped").isEqualTo(next);
            next += range.count();
            Set<Long> touched = new HashSet<>();
            for (int i = range.first(); i < range.first() + range.count(); i++) {
                ReadBatch.Request r = requests.get(i);
                assertThat(r.address()).isGreaterThanOrEqualTo(range.start());
                assertThat(r.address() + r.length()).isLessThanOrEqualTo(range.start() + range.length());
                if (i > range.first()) {
                    assertThat(r.afterBarrier()).as("no range crosses a barrier").isFalse();
                }
                for (long p = r.address() / RangePlan.PAGE; r.length() > 0 && p <= (r.address() + r.length() - 1) / RangePlan.PAGE; p++) {
                    touched.add(p);
                }
            }
            if (range.count() > 1) {
                assertThat(range.length()).isLessThanOrEqualTo(RangePlan.MAX_SPAN);
                for (long p = range.start() / RangePlan.PAGE; p <= (range.start() + range.length() - 1) / RangePlan.PAGE; p++) {
                    assertThat(touched).as("page %d of a merged range is one a request reads", p).contains(p);
                }
            }
        }
        assertThat(next).isEqualTo(requests.size());
    }

    @Provide
    Arbitrary<List<long[]>> batches() {
        Arbitrary<long[]> request = Combinators.combine(
                Arbitraries.longs().between(0, 12 * RangePlan.PAGE),
                Arbitraries.integers().between(0, 2 * RangePlan.PAGE),
                Arbitraries.integers().between(0, 9)).as((offset, length, b) -> new long[] {BASE + offset, length, b == 0 ? 1 : 0});
        return request.list().ofMinSize(1).ofMaxSize(40);
    }
}
