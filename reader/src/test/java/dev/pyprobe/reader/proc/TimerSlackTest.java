package dev.pyprobe.reader.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimerSlackTest {
    private static long slack() {
        return LibC.prctl(TimerSlack.PR_GET_TIMERSLACK, 0, 0, 0, 0);
    }

    @Test
    void tightensTheCallingThreadsSlackAndPutsItBack() {
        long before = slack();
        assertThat(before).as("the thread's slack (50 us unless changed)").isGreaterThan(TimerSlack.TIGHT_NANOS);
        try (TimerSlack tight = TimerSlack.tighten()) {
            assertThat(slack()).isEqualTo(TimerSlack.TIGHT_NANOS);
        }
        assertThat(slack()).isEqualTo(before);
    }
}
