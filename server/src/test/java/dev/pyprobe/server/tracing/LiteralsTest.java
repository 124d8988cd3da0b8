package dev.pyprobe.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LiteralsTest {

    @Test
    void reprsOfStrAndBytesDecodeToTheirContent() {
        assertThat(Literals.decodeRepr("'abc'")).isEqualTo("abc");
        assertThat(Literals.decodeRepr("u'caf\\xe9'")).isEqualTo("café");
        assertThat(Literals.decodeRepr("\"it's\"")).isEqualTo("it's");
        assertThat(Literals.decodeRepr("'a\\'b\\\\c\\n\\t\\r'")).isEqualTo("a'b\\c\n\t\r");
        assertThat(Literals.decodeRepr("'\\u20ac\\U0001f600'")).isEqualTo("€\uD83D\uDE00");
        assertThat(Literals.decodeRepr("b'\\x00\\xff'")).isEqualTo("\u0000\u00ff");
        assertThat(Literals.decodeRepr("'\\x4'")).isEqualTo("\\x4'");
    }

    @Test
    void completeReprsEndAtTheirClosingQuote() {
        assertThat(Literals.isCompleteRepr("'abc'")).isTrue();
        assertThat(Literals.isCompleteRepr("'a\\'b'")).isTrue();
        assertThat(Literals.isCompleteRepr("'abc'...")).isFalse();
        assertThat(Literals.isCompleteRepr("'abc")).isFalse();
        assertThat(Literals.isCompleteRepr("'abc...'")).isTrue();
    }

    @Test
    void literalsAndNames() {
        assertThat(Literals.parse("None").kind()).isEqualTo(Value.Kind.NONE);
        assertThat(Literals.parse("True").real()).isEqualTo(1.0);
        assertThat(Literals.parse("-12").number()).isEqualByComparingTo(new BigDecimal(-12));
        assertThat(Literals.parse("1_000.5e1").number()).isEqualByComparingTo(new BigDecimal("10005"));
        assertThat(Literals.parse(".5").number()).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(Literals.parse("b'x'").kind()).isEqualTo(Value.Kind.BYTES);
        assertThat(Literals.parse("'x'").text()).isEqualTo("x");
        assertThat(Literals.parse("name")).isNull();
        assertThat(Literals.parse("None_")).isNull();
    }
}
