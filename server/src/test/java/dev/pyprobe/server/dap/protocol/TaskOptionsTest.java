package dev.pyprobe.server.dap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskOptionsTest {

    @Test
    void tasksAreShownUpToAThousandByDefault() {
        TaskOptions plain = AttachArguments.from(Map.of("processId", 1.0)).tasks();
        assertThat(plain).isEqualTo(new TaskOptions(true, 1000));
        TaskOptions set = AttachArguments.from(Map.of("processId", 1.0, "asyncioTasks", false, "maxTasks", 3.0)).tasks();
        assertThat(set).isEqualTo(new TaskOptions(false, 3));
    }

    @Test
    void unusableValuesAreRefusedWithWhatIsExpected() {
        assertThatThrownBy(() -> AttachArguments.from(Map.of("processId", 1.0, "asyncioTasks", "no")))
                .hasMessageContaining("\"asyncioTasks\" must be true or false").hasMessageContaining("\"no\"");
        for (Object bad : new Object[] {0.0, -5.0, 2.5, "100", 2_000_000.0}) {
            assertThatThrownBy(() -> AttachArguments.from(Map.of("processId", 1.0, "maxTasks", bad)))
                    .as("maxTasks %s", bad).hasMessageContaining("\"maxTasks\" must be a whole number from 1 to 1000000");
        }
    }
}
