package dev.pyprobe.server.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionParserTest {

    @Test
    void aNameAlone() throws Exception {
        Expression e = ExpressionParser.parse("  counter ");
        assertThat(e.name()).isEqualTo("counter");
        assertThat(e.steps()).isEmpty();
    }

    @Test
    void attributesAndItemsInAnyOrder() throws Exception {
        Expression e = ExpressionParser.parse("self.items[3]['key'].value[-1][\"b\"]");
        assertThat(e.name()).isEqualTo("self");
        assertThat(e.steps()).containsExactly(
                new Expression.Attribute("items"),
                new Expression.Item(new Expression.IntKey(3)),
                new Expression.Item(new Expression.StrKey("key")),
                new Expression.Attribute("value"),
                new Expression.Item(new Expression.IntKey(-1)),
                new Expression.Item(new Expression.StrKey("b")));
        assertThat(e).hasToString("self.items[3]['key'].value[-1]['b']");
    }

    @Test
    void spacesBetweenTokensAreAllowed() throws Exception {
        assertThat(ExpressionParser.parse("d [ 'k' ] . x")).hasToString("d['k'].x");
    }

    @Test
    void stringKeysKeepTheirEscapesWhenPrinted() throws Exception {
        Expression e = ExpressionParser.parse("d['it\\'s\\n']");
        assertThat(e.steps()).containsExactly(new Expression.Item(new Expression.StrKey("it's\n")));
        assertThat(e).hasToString("d['it\\'s\\n']");
    }

    @Test
    void pythonTwosUnicodeKeysReadAsPlainStrings() throws Exception {
        // How Python 2 shows a unicode dict key, and so how its child is named in Variables.
        assertThat(ExpressionParser.parse("d[u'k']")).isEqualTo(ExpressionParser.parse("d['k']"));
        assertThat(ExpressionParser.parse("d[U\"k\"]").toString()).isEqualTo("d['k']");
        assertThatThrownBy(() -> ExpressionParser.parse("d[u]")).isInstanceOf(ExpressionException.class);
    }

    @Test
    void unicodeAndUnderscoreNames() throws Exception {
        assertThat(ExpressionParser.parse("_private.ünïcode").steps()).containsExactly(new Expression.Attribute("ünïcode"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "len(x)             | calls are not evaluated at column 4 because pyprobe never runs code",
        "x.method()         | calls are not evaluated at column 9",
        "a + b              | operator '+' at column 3 is not evaluated because pyprobe never runs code",
        "x==1               | operator '=' at column 2",
        "-x                 | operator '-' at column 1",
        "not x              | 'not' is a Python keyword",
        "x if y else z      | 'if' is a Python keyword",
        "l[1:2]             | slices are not supported",
        "l[:2]              | slices are not supported",
        "d[k]               | item keys must be an int or a str literal (column 3)",
        "l[]                | empty item key at column 3",
        "d['k'              | expression ends before ']'",
        "d['k]              | string key is not closed",
        "x.                 | expression ends where an attribute name after '.' is expected",
        "x.1                | unexpected '1' at column 3",
        "a b                | unexpected 'b' at column 3: only one name",
        "3                  | unexpected '3' at column 1",
        "l[99999999999999999999] | item index 99999999999999999999 is out of range",
        "d['\\x41']          | unsupported escape \\x",
    })
    void rejectsWhatWouldNeedCodeOrIsNotAnAccess(String expression, String message) {
        assertThatThrownBy(() -> ExpressionParser.parse(expression.strip()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining(message);
    }

    @Test
    void everyRejectionSaysWhatIsAccepted() {
        for (String bad : List.of("f(x)", "a*b", "l[1:]", "x.", "not y", "")) {
            assertThatThrownBy(() -> ExpressionParser.parse(bad))
                    .hasMessageContaining("pyprobe evaluates only names, attributes and items");
        }
    }

    @Test
    void refusesHugeInputWithoutScanningIt() {
        assertThatThrownBy(() -> ExpressionParser.parse("x".repeat(ExpressionParser.MAX_LENGTH + 1)))
                .hasMessageContaining("longer than " + ExpressionParser.MAX_LENGTH);
    }

    @Property
    void canonicalFormParsesToTheSameExpression(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String name,
                                                @ForAll @AlphaChars @StringLength(min = 1, max = 8) String attr,
                                                @ForAll long index,
                                                @ForAll @StringLength(max = 10) String key) throws Exception {
        Expression built = new Expression(name, List.of(new Expression.Attribute(attr),
                new Expression.Item(new Expression.IntKey(index)), new Expression.Item(new Expression.StrKey(key))));
        if (isKeyword(name) || isKeyword(attr) || !escapable(key)) {
            return;
        }
        assertThat(ExpressionParser.parse(built.toString())).isEqualTo(built);
    }

    private static boolean isKeyword(String word) {
        return List.of("and", "or", "not", "in", "is", "if", "else", "for", "as", "def", "del", "try", "with",
                "elif", "from", "pass", "while", "yield", "async", "await", "break", "class", "raise", "return",
                "assert", "except", "global", "import", "lambda", "finally", "continue", "nonlocal").contains(word);
    }

    /** The canonical form escapes backslash, quote, newline, CR and tab only. */
    private static boolean escapable(String key) {
        return key.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t');
    }
}
