package dev.pyprobe.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class HitConditionTest {

    private static List<Long> shownOf(String condition, int hits) {
        HitCondition c = HitCondition.parse(condition);
        return LongStream.rangeClosed(1, hits).filter(c::test).boxed().toList();
    }

    @Test
    void theFourFormsPickTheirHits() {
        assertThat(shownOf(">= 8", 10)).containsExactly(8L, 9L, 10L);
        assertThat(shownOf("8", 10)).containsExactly(8L, 9L, 10L);
        assertThat(shownOf("==4", 10)).containsExactly(4L);
        assertThat(shownOf(" % 3 ", 10)).containsExactly(3L, 6L, 9L);
        assertThat(shownOf(null, 3)).containsExactly(1L, 2L, 3L);
        assertThat(shownOf("  ", 3)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void anythingElseIsRefusedWithTheAcceptedForms() {
        for (String bad : List.of("> 3", "<= 2", "abc", "% 0", "== -1", "3.5", ">= 99999999999999999999", "== 3 4")) {
            assertThatThrownBy(() -> HitCondition.parse(bad)).as(bad).isInstanceOf(HitRuleException.class)
                    .hasMessageContaining("'" + bad + "'").hasMessageContaining("'% N'");
        }
    }
}
