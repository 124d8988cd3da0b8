package dev.pyprobe.server.dap.state;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ThreadIdMapTest {

    @Test
    void identsAboveTheInt32RangeGetSmallStableIds() {
        ThreadIdMap map = new ThreadIdMap();
        long pthreadA = 140_170_979_425_152L;
        long pthreadB = 0xffff_ffff_ffff_fff0L; // negative as a Java long: pthread_t is unsigned

        assertThat(map.idOf(pthreadA)).isEqualTo(1);
        assertThat(map.idOf(pthreadB)).isEqualTo(2);
        assertThat(map.idOf(pthreadA)).isEqualTo(1);
        assertThat(map.idOf(pthreadB)).isEqualTo(2);
    }

    @Property
    void distinctIdentsGetDistinctPositiveIds(@ForAll long first, @ForAll long second) {
        ThreadIdMap map = new ThreadIdMap();
        int id1 = map.idOf(first);
        int id2 = map.idOf(second);
        assertThat(id1).isPositive();
        assertThat(id2).isPositive();
        assertThat(id1 == id2).isEqualTo(first == second);
        assertThat(map.idOf(first)).isEqualTo(id1);
    }
}
