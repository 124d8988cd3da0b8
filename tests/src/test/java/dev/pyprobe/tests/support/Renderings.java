package dev.pyprobe.tests.support;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;

/**
 * How pyprobe must render the locals of blocked_threads.py, judged against the complete repr()
 * that the fixture reported. The rule is "the target's own repr": Python 2 values look like
 * Python 2 (u'', 123L, set([...])). Exceptions, each for a stated reason:
 * <ul>
 *   <li>the long list and long str are over any display limit: the text must be cut with
 *       {@code ...}, and what is shown must be real content of the repr;</li>
 *   <li>a set's order is the hash table's, so elements are compared as sets;</li>
 *   <li>instances of user classes show their type and address, not their repr (which would
 *       need code to run).</li>
 * </ul>
 * The self-containing list gets no exception: Python shows {@code [1, [...]]}, and so must pyprobe.
 */
public final class Renderings {
    private static final String MORE = "...";
    /** Locals whose repr is far beyond any sensible display limit. */
    private static final Set<String> MUST_BE_TRUNCATED = Set.of("v_long_list", "v_long_str");
    /** Shortest real content a truncated rendering must show before its marker. */
    private static final int MIN_SHOWN_CHARS = 10;
    private static final Set<String> BUILTIN_TYPES = Set.of("NoneType", "bool", "int", "long", "float", "str",
            "unicode", "bytes", "tuple", "list", "dict", "set", "frozenset");

    private Renderings() {
    }

    private static boolean isBuiltin(String typeName) {
        return BUILTIN_TYPES.contains(typeName);
    }

    /** Checks the rendered text of one local, collecting failures in softly. */
    public static void assertRendering(SoftAssertions softly, SelfReport.Local local, String text) {
        String what = local.name() + " (" + local.type() + ")";
        String repr = local.repr();
        if (MUST_BE_TRUNCATED.contains(local.name())) {
            softly.assertThat(text).as(what + " must be cut").contains(MORE).hasSizeLessThan(repr.length());
            assertCutFrom(softly, what, repr, text);
        } else if (local.type().equals("set") || local.type().equals("frozenset")) {
            SetText expected = SetText.parse(repr);
            SetText actual = SetText.parse(text);
            softly.assertThat(actual.wrapper()).as(what + " form of " + text).isEqualTo(expected.wrapper());
            softly.assertThat(actual.elements()).as(what + " elements of " + text)
                    .containsExactlyInAnyOrderEntriesOf(expected.elements());
        } else if (!isBuiltin(local.type())) {
            softly.assertThat(text).as(what + " shows its type and address")
                    .contains(local.type()).containsIgnoringCase(String.format("0x%x", local.id()));
        } else {
            softly.assertThat(text).as(what).isEqualTo(repr);
        }
    }

    /**
     * text = shown + "..." [+ more shown + "..."] + tail, where shown is a prefix of the full
     * repr (optionally closed with the repr's own closing delimiter, as in {@code 'abc'...}) and
     * tail is a suffix of it.
     */
    private static void assertCutFrom(SoftAssertions softly, String what, String repr, String text) {
        int first = text.indexOf(MORE);
        if (first < 0) {
            return;
        }
        String shown = text.substring(0, first);
        String tail = text.substring(text.lastIndexOf(MORE) + MORE.length());
        String closing = repr.substring(repr.length() - 1);
        boolean prefix = repr.startsWith(shown)
                || (shown.endsWith(closing) && repr.startsWith(shown.substring(0, shown.length() - 1)));
        softly.assertThat(prefix).as(what + ": '" + shown + "' is not the start of the full repr").isTrue();
        softly.assertThat(shown.length()).as(what + ": too little content shown in " + text)
                .isGreaterThanOrEqualTo(MIN_SHOWN_CHARS);
        softly.assertThat(repr).as(what + ": what follows the marker").endsWith(tail);
    }

    /** A set's repr split into its form ({@code {}}, {@code set([])}, {@code frozenset({})}...) and elements. */
    record SetText(String wrapper, Map<String, Integer> elements) {
        static SetText parse(String text) {
            int open = firstOf(text, '{', '[');
            if (open < 0) {
                return new SetText(text, Map.of());
            }
            char closeChar = text.charAt(open) == '{' ? '}' : ']';
            int close = text.lastIndexOf(closeChar);
            if (close < open) {
                return new SetText(text, Map.of());
            }
            String inner = text.substring(open + 1, close);
            Map<String, Integer> counts = new HashMap<>();
            if (!inner.isEmpty()) {
                // The fixture's set elements are scalars without commas, so ", " separates them.
                Arrays.stream(inner.split(", ")).forEach(e -> counts.merge(e, 1, Integer::sum));
            }
            return new SetText(text.substring(0, open + 1) + text.substring(close), counts);
        }

        private static int firstOf(String text, char a, char b) {
            int i = text.indexOf(a);
            int j = text.indexOf(b);
            return i < 0 ? j : j < 0 ? i : Math.min(i, j);
        }
    }
}
