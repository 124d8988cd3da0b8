package dev.pyprobe.server.dap.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HandleTableTest {

    @Test
    void handlesArePositiveAndResolveToTheirObject() {
        HandleTable<String> table = new HandleTable<>();
        int a = table.register("a");
        int b = table.register("b");
        assertThat(a).isEqualTo(1);
        assertThat(b).isEqualTo(2);
        assertThat(table.get(a)).hasValue("a");
        assertThat(table.get(b)).hasValue("b");
        assertThat(table.get(0)).isEmpty();
        assertThat(table.get(-1)).isEmpty();
        assertThat(table.get(3)).isEmpty();
    }

    @Test
    void handlesFromBeforeAClearAreStaleAndNeverReused() {
        HandleTable<String> table = new HandleTable<>();
        int old = table.register("old");
        table.clear();
        int fresh = table.register("fresh");

        assertThat(table.get(old)).isEmpty();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(table.get(fresh)).hasValue("fresh");
    }

    @Test
    void nullHasNoHandle() {
        assertThatThrownBy(() -> new HandleTable<String>().register(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
