package dev.pyprobe.server.dap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttachArgumentsTest {

    @Test
    void processIdAsGsonNumberOrAsString() {
        // Gson reads every JSON number of an untyped map as a Double.
        assertThat(AttachArguments.from(Map.of("processId", 1234.0)).processId()).isEqualTo(1234);
        assertThat(AttachArguments.from(Map.of("processId", "  4321 ")).processId()).isEqualTo(4321);
    }

    @Test
    void flagsDefaultToFalse() {
        AttachArguments args = AttachArguments.from(Map.of("processId", 1.0));
        assertThat(args.freeze()).isFalse();
        assertThat(args.remoteSources()).isFalse();
        AttachArguments on = AttachArguments.from(Map.of("processId", 1.0, "freeze", true, "remoteSources", true));
        assertThat(on.freeze()).isTrue();
        assertThat(on.remoteSources()).isTrue();
    }

    @Test
    void unusableValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> AttachArguments.from(Map.of())).hasMessageContaining("attach needs \"processId\"");
        Map<String, Object> nullPid = new HashMap<>();
        nullPid.put("processId", null);
        assertThatThrownBy(() -> AttachArguments.from(nullPid)).hasMessageContaining("attach needs \"processId\"");
        assertThatThrownBy(() -> AttachArguments.from(null)).hasMessageContaining("attach needs \"processId\"");
        for (Object bad : new Object[] {"abc", 12.5, -3.0, 0.0, "99999999999", 1e12, true, "${command:pickProcess}"}) {
            assertThatThrownBy(() -> AttachArguments.from(Map.of("processId", bad)))
                    .hasMessageContaining("\"processId\" must be a positive whole number");
        }
        assertThatThrownBy(() -> AttachArguments.from(Map.of("processId", 5.0, "freeze", "yes")))
                .hasMessageContaining("\"freeze\" must be true or false, not \"yes\"");
    }

    @Test
    void breakpointActionAndRateDefaultToLogAndTwentyAndAreChecked() {
        AttachArguments plain = AttachArguments.from(Map.of("processId", 1.0));
        assertThat(plain.breakpoints()).isEqualTo(BreakpointOptions.DEFAULT);
        assertThat(plain.breakpoints().action()).isEqualTo(BreakpointOptions.Action.LOG);
        assertThat(plain.breakpoints().maxHitsPerSecond()).isEqualTo(20);
        AttachArguments set = AttachArguments.from(Map.of("processId", 1.0, "breakpointAction", "Snapshot",
                "maxHitsPerSecond", 500.0));
        assertThat(set.breakpoints().action()).isEqualTo(BreakpointOptions.Action.SNAPSHOT);
        assertThat(set.breakpoints().maxHitsPerSecond()).isEqualTo(500);
        assertThat(AttachArguments.from(Map.of("processId", 1.0, "breakpointAction", "stop")).breakpoints().action())
                .isEqualTo(BreakpointOptions.Action.STOP);
        for (Object bad : new Object[] {"pause", 3.0, true}) {
            assertThatThrownBy(() -> AttachArguments.from(Map.of("processId", 1.0, "breakpointAction", bad)))
                    .hasMessageContaining("\"breakpointAction\" must be \"log\"");
        }
        for (Object bad : new Object[] {0.0, -5.0, 2.5, 1e7, "20"}) {
            assertThatThrownBy(() -> AttachArguments.from(Map.of("processId", 1.0, "maxHitsPerSecond", bad)))
                    .hasMessageContaining("\"maxHitsPerSecond\" must be a whole number from 1 to 1000000");
        }
    }
}
