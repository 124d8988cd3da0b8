package dev.pyprobe.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.server.evaluate.ExpressionException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditions decided on values as the reader renders them, without a process. */
class ConditionTest {
    private final Map<String, PyValue> frame = new HashMap<>();
    private long nextAddress = 0x1000;

    private void value(String expression, String type, String text, PyValue.Kind kind) {
        frame.put(expression, new PyValue(type, text, nextAddress += 0x10, kind, 0));
    }

    private boolean holds(String condition) throws ExpressionException {
        return Condition.parse(condition).test(e -> {
            PyValue v = frame.get(e.toString());
            if (v == null) {
                throw new ExpressionException("Name '" + e + "' is not defined");
            }
            return v;
        });
    }

    ConditionTest() {
        value("x", "int", "5", PyValue.Kind.INT);
        value("big", "int", "123456789012345678901234567890", PyValue.Kind.INT);
        value("old", "long", "7L", PyValue.Kind.INT);
        value("f", "float", "2.5", PyValue.Kind.FLOAT);
        value("nan", "float", "nan", PyValue.Kind.FLOAT);
        value("inf", "float", "inf", PyValue.Kind.FLOAT);
        value("flag", "bool", "True", PyValue.Kind.BOOL);
        value("name", "str", "'abc'", PyValue.Kind.STR);
        value("quote", "str", "\"it's\\n\"", PyValue.Kind.STR);
        value("long_text", "str", "'aaaa'...", PyValue.Kind.STR);
        value("data", "bytes", "b'abc'", PyValue.Kind.BYTES);
        value("obj.attr", "NoneType", "None", PyValue.Kind.NONE);
        value("obj", "Order", "<Order at 0x10>", PyValue.Kind.OBJECT);
        frame.put("same", frame.get("obj"));
    }

    @Test
    void numbersCompareByValueAcrossIntFloatAndBool() throws Exception {
        assertThat(holds("x > 3")).isTrue();
        assertThat(holds("x >= 5")).isTrue();
        assertThat(holds("x < 5")).isFalse();
        assertThat(holds("3 < x")).isTrue();
        assertThat(holds("x == 5.0")).isTrue();
        assertThat(holds("x != 5")).isFalse();
        assertThat(holds("f > x")).isFalse();
        assertThat(holds("f == 2.5")).isTrue();
        assertThat(holds("big > 123456789012345678901234567889")).isTrue();
        assertThat(holds("old == 7")).isTrue();
        assertThat(holds("flag == 1")).isTrue();
        assertThat(holds("inf > big")).isTrue();
        assertThat(holds("nan == nan")).isFalse();
        assertThat(holds("nan != 1")).isTrue();
        assertThat(holds("nan < 1")).isFalse();
        assertThat(holds("x == 1_000")).isFalse();
    }

    @Test
    void stringsCompareByContentAndBytesAreNotStrings() throws Exception {
        assertThat(holds("name == 'abc'")).isTrue();
        assertThat(holds("name == \"abc\"")).isTrue();
        assertThat(holds("name != 'abd'")).isTrue();
        assertThat(holds("name < 'abd'")).isTrue();
        assertThat(holds("quote == 'it\\'s\\n'")).isTrue();
        assertThat(holds("data == b'abc'")).isTrue();
        assertThat(holds("data == 'abc'")).isFalse();
        assertThat(holds("name == 3")).isFalse();
        assertThatThrownBy(() -> holds("long_text == 'aaaa'")).hasMessageContaining("longer than pyprobe reads");
    }

    @Test
    void noneAndIdentity() throws Exception {
        assertThat(holds("obj.attr == None")).isTrue();
        assertThat(holds("obj.attr != None")).isFalse();
        assertThat(holds("obj != None")).isTrue();
        assertThat(holds("obj.attr is None")).isTrue();
        assertThat(holds("obj is not None")).isTrue();
        assertThat(holds("flag is True")).isTrue();
        assertThat(holds("flag is not False")).isTrue();
        assertThat(holds("obj is same")).isTrue();
        assertThat(holds("obj is name")).isFalse();
        assertThat(holds("obj == same")).isTrue();
    }

    @Test
    void comparisonsThatWouldRunCodeAreRefusedWhenDecided() {
        assertThatThrownBy(() -> holds("obj == name")).hasMessageContaining("would call its __eq__");
        assertThatThrownBy(() -> holds("obj < 3")).hasMessageContaining("cannot be ordered without running code");
        assertThatThrownBy(() -> holds("name < 3")).hasMessageContaining("cannot be ordered");
        assertThatThrownBy(() -> holds("x is 5")).hasMessageContaining("'is' tests identity");
        assertThatThrownBy(() -> holds("missing > 1")).hasMessageContaining("not defined");
    }

    @Test
    void textThatIsNotOneComparisonIsRefusedWhenSet() {
        String[][] cases = {
                {"len(name) > 3", "calls are not evaluated"},
                {"x + 1 > 3", "operator '+'"},
                {"x > 1 and x < 3", "uses 'and'"},
                {"not x", "uses 'not'"},
                {"x in y", "uses 'in'"},
                {"x = 3", "compare with '=='"},
                {"x", "compares nothing"},
                {"0 < x < 3", "more than one comparison"},
                {"1 < 2", "compares two constants"},
                {"x > 'abc", "is not closed"},
                {"x > ", "lacks a side"},
                {"== 3", "lacks a side"},
                {"x" + " ".repeat(1000) + "> 1", "longer than"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> Condition.parse(c[0])).as(c[0]).isInstanceOf(HitRuleException.class)
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void operatorsInsideStringsAndBracketsAreNotComparisons() throws Exception {
        value("d['a<b']", "int", "1", PyValue.Kind.INT);
        assertThat(holds("d['a<b'] == 1")).isTrue();
        assertThat(holds("name != 'x == y and z'")).isTrue();
        value("obj.island", "int", "2", PyValue.Kind.INT);
        assertThat(holds("obj.island == 2")).as("'is' inside a name").isTrue();
    }
}
