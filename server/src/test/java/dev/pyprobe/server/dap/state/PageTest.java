package dev.pyprobe.server.dap.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void missingCountMeansEverythingThatRemains() {
        assertThat(Page.of(null, null, 10, 1000)).isEqualTo(new Page(0, 10));
        assertThat(Page.of(3, 0, 10, 1000)).isEqualTo(new Page(3, 7));
    }

    @Test
    void aWindowIsCutAtTheEndAndAtTheLimit() {
        assertThat(Page.of(8, 5, 10, 1000)).isEqualTo(new Page(8, 2));
        assertThat(Page.of(0, null, 5000, 1000)).isEqualTo(new Page(0, 1000));
        assertThat(Page.of(20, 5, 10, 1000)).isEqualTo(new Page(10, 0));
        assertThat(Page.of(-4, 2, 10, 1000)).isEqualTo(new Page(0, 2));
    }

    @Test
    void ofListTakesTheWindow() {
        List<Integer> all = List.of(0, 1, 2, 3, 4);
        assertThat(Page.of(1, 3, all.size(), 1000).of(all)).containsExactly(1, 2, 3);
        assertThat(Page.of(4, 3, all.size(), 1000).of(all)).containsExactly(4);
    }

    @Property
    void pagesStayInsideTheSequence(@ForAll @IntRange(min = -5, max = 300) int start,
                                    @ForAll @IntRange(min = -5, max = 300) int count,
                                    @ForAll @IntRange(min = 0, max = 250) int total,
                                    @ForAll @IntRange(min = 1, max = 100) int limit) {
        Page page = Page.of(start, count, total, limit);
        List<Integer> all = IntStream.range(0, total).boxed().toList();
        assertThat(page.start()).isBetween(0, total);
        assertThat(page.end()).isLessThanOrEqualTo(total);
        assertThat(page.count()).isLessThanOrEqualTo(limit);
        if (count > 0) {
            assertThat(page.count()).isLessThanOrEqualTo(count);
        }
        assertThat(page.of(all)).hasSize(page.count());
        if (page.count() > 0) {
            assertThat(page.of(all).get(0)).isEqualTo(page.start());
        }
    }
}
