package dev.pyprobe.server.dap.breakpoints;

import dev.pyprobe.server.tracing.HitRules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The counts a breakpoint reports once a second: only what changed since the previous report. */
class ActiveBreakpointTest {

    @Test
    void reportsCarryWhatChangedAndTheMessageTheTotals() {
        Requested asked = new Requested("x > 1", null, null);
        ActiveBreakpoint bp = new ActiveBreakpoint(7, "shop:total", asked,
                HitRules.parse("x > 1", null, null), null, 20);
        assertThat(bp.report()).isNull();
        bp.count();
        bp.count();
        bp.notShown();
        bp.onLost(null, 5);
        bp.undecided("frame gone");
        ActiveBreakpoint.Report first = bp.report();
        assertThat(first).isEqualTo(new ActiveBreakpoint.Report(2, 1, 1, 5, 1, "frame gone"));
        assertThat(bp.report()).as("nothing new").isNull();
        bp.count();
        ActiveBreakpoint.Report second = bp.report();
        assertThat(second.hits()).isEqualTo(3);
        assertThat(second.newlyNotShown()).isZero();
        assertThat(second.newlyLost()).isZero();
        assertThat(bp.message()).isEqualTo("3 hits with the condition true, 1 not shown (over 20/s), 5 lost by the kernel");
        assertThat(bp.requested()).isEqualTo(asked);
    }
}
