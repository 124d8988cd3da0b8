package dev.pyprobe.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogMessageTest {

    @Test
    void partsAreReplacedAndDoubledBracesAreBraces() {
        LogMessage m = LogMessage.parse("total={order.total} first={items[0]} key={d['k']} {{literal}} end");
        assertThat(m.readsFrame()).isTrue();
        assertThat(m.render(e -> "<" + e + ">"))
                .isEqualTo("total=<order.total> first=<items[0]> key=<d['k']> {literal} end");
        LogMessage plain = LogMessage.parse("just text {{}}");
        assertThat(plain.readsFrame()).isFalse();
        assertThat(plain.render(e -> "never")).isEqualTo("just text {}");
    }

    @Test
    void unmatchedBracesAndExpressionsThatRunCodeAreRefused() {
        assertThatThrownBy(() -> LogMessage.parse("a {b")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> LogMessage.parse("a } b")).hasMessageContaining("without its '{'");
        assertThatThrownBy(() -> LogMessage.parse("{f(x)}")).hasMessageContaining("calls are not evaluated");
        assertThatThrownBy(() -> LogMessage.parse("{}")).hasMessageContaining("empty expression");
    }
}
