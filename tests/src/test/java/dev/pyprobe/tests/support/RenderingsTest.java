package dev.pyprobe.tests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The oracle's rules accept the renderings they should and reject the ones they should not. */
class RenderingsTest {
    private static final String LONG_LIST = IntStream.range(0, 1000).mapToObj(Integer::toString)
            .collect(Collectors.joining(", ", "[", "]"));
    private static final String LONG_STR = IntStream.range(0, 2000).mapToObj(i -> String.format("%04d|", i))
            .collect(Collectors.joining("", "'", "'"));

    @Test
    void truncatedValuesMustShowRealContentBeforeTheMarker() {
        SelfReport.Local list = local("v_long_list", "list", LONG_LIST);
        SelfReport.Local str = local("v_long_str", "str", LONG_STR);
        assertThat(errors(list, "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ...]")).isEmpty();
        assertThat(errors(str, "'0000|0001|0002|'...")).isEmpty();
        assertThat(errors(str, "'0000|0001|0002|...")).isEmpty();

        assertThat(errors(list, LONG_LIST)).as("not cut").isNotEmpty();
        assertThat(errors(list, "[5, 6, 7, 8, 9, 10, 11, ...]")).as("not the start").isNotEmpty();
        assertThat(errors(list, "[0, 1, ...]")).as("too little shown").isNotEmpty();
        assertThat(errors(list, "[0, 1, 2, 3, 4, 5, 6, 7, ...)")).as("wrong ending").isNotEmpty();
    }

    @Test
    void setsCompareByFormAndElementsNotOrder() {
        SelfReport.Local py3 = local("v_set", "set", "{1, 2, 3, 'x'}");
        assertThat(errors(py3, "{'x', 3, 2, 1}")).isEmpty();
        assertThat(errors(py3, "{1, 2, 4, 'x'}")).isNotEmpty();
        assertThat(errors(py3, "{1, 2, 3}")).isNotEmpty();
        SelfReport.Local py2 = local("v_set", "set", "set([1, 2, 3, u'x'])");
        assertThat(errors(py2, "set([u'x', 1, 2, 3])")).isEmpty();
        assertThat(errors(py2, "{1, 2, 3, u'x'}")).as("Python 3 form for a Python 2 set").isNotEmpty();
        assertThat(errors(local("v_set_empty", "set", "set()"), "set()")).isEmpty();
        assertThat(errors(local("v_frozenset", "frozenset", "frozenset({4, 5})"), "frozenset({5, 4})")).isEmpty();
    }

    @Test
    void objectsShowTheirTypeAndAddressAndEverythingElseIsTheExactRepr() {
        SelfReport.Local point = new SelfReport.Local("v_instance", "Point", "<__main__.Point object at 0x7f00ab>",
                0x7f00abL, null, List.of("x", "y"));
        assertThat(errors(point, "<Point at 0x7f00ab>")).isEmpty();
        assertThat(errors(point, "<Point at 0x7f00ac>")).isNotEmpty();
        assertThat(errors(local("v_float", "float", "1e-07"), "1e-07")).isEmpty();
        assertThat(errors(local("v_float", "float", "1e-07"), "1.0E-7")).isNotEmpty();
        assertThat(errors(local("v_cycle", "list", "[1, [...]]"), "[1, [1, [1, [...]]]]")).isNotEmpty();
    }

    private static SelfReport.Local local(String name, String type, String repr) {
        return new SelfReport.Local(name, type, repr, 0x1000, null, null);
    }

    private static List<AssertionError> errors(SelfReport.Local local, String text) {
        SoftAssertions softly = new SoftAssertions();
        Renderings.assertRendering(softly, local, text);
        return softly.assertionErrorsCollected();
    }
}
