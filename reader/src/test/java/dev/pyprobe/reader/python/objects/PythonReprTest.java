package dev.pyprobe.reader.python.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Expected texts are what CPython 3.12's and 2.7's repr() print for the same values. */
class PythonReprTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.0|1.0", "0.1|0.1", "2.5|2.5", "-0.5|-0.5", "1e16|1e+16", "1e15|1000000000000000.0",
        "0.0001|0.0001", "0.00001|1e-05", "123456789.125|123456789.125", "1.7976931348623157e308|1.7976931348623157e+308",
        "5e-324|5e-324", "-1e-7|-1e-07", "3.141592653589793|3.141592653589793"})
    void floatsPrintLikePython(double value, String expected) {
        assertThat(PythonRepr.floatRepr(value)).isEqualTo(expected);
    }

    @Test
    void specialFloats() {
        assertThat(PythonRepr.floatRepr(Double.NaN)).isEqualTo("nan");
        assertThat(PythonRepr.floatRepr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(PythonRepr.floatRepr(-0.0)).isEqualTo("-0.0");
    }

    @Test
    void stringsQuoteAndEscapeLikePython3() {
        assertThat(PythonRepr.str("abc", false)).isEqualTo("'abc'");
        assertThat(PythonRepr.str("it's", false)).isEqualTo("\"it's\"");
        assertThat(PythonRepr.str("both ' and \"", false)).isEqualTo("'both \\' and \"'");
        assertThat(PythonRepr.str("tab\there\n", false)).isEqualTo("'tab\\there\\n'");
        assertThat(PythonRepr.str("caf\u00e9 \u03b1\u03b2 \ud83d\ude00", false)).isEqualTo("'caf\u00e9 \u03b1\u03b2 \ud83d\ude00'");
        assertThat(PythonRepr.str("\u0000\u007f", false)).isEqualTo("'\\x00\\x7f'");
    }

    @Test
    void python2UnicodeEscapesEverythingBeyondAscii() {
        assertThat(PythonRepr.str("caf\u00e9 \u03b1 \ud83d\ude00", true)).isEqualTo("u'caf\\xe9 \\u03b1 \\U0001f600'");
    }

    @Test
    void bytes() {
        assertThat(PythonRepr.bytes("a'b\n\u00ff".getBytes(StandardCharsets.ISO_8859_1), false)).isEqualTo("b\"a'b\\n\\xff\"");
        assertThat(PythonRepr.bytes("plain".getBytes(StandardCharsets.US_ASCII), true)).isEqualTo("'plain'");
    }
}
