package dev.pyprobe.reader.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** NSpid lines as the kernel writes them, and lines no kernel writes, which must give no id at all. */
class NamespaceIdsTest {

    private static String status(String nspid) {
        return "Name:\tworker-\u00ce\u00b1\nTgid:\t3301\nPid:\t3305\n" + nspid + "\nNSsid:\t1\n";
    }

    @Test
    void aContainersThreadHasTheHostsIdFirstAndItsOwnLast() {
        NamespaceIds ids = NamespaceIds.parse(status("NSpid:\t3305\t4"), 3305).orElseThrow();
        assertThat(ids.host()).isEqualTo(3305);
        assertThat(ids.own()).isEqualTo(4);
        assertThat(ids.nested()).isTrue();
        assertThat(NamespaceIds.parse(status("NSpid:\t3305\t77\t4"), 3305).orElseThrow().own())
                .as("a namespace nested in a nested one").isEqualTo(4);
    }

    @Test
    void aThreadOfOurNamespaceHasOneId() {
        NamespaceIds ids = NamespaceIds.parse(status("NSpid:\t3305"), 3305).orElseThrow();
        assertThat(ids.nested()).isFalse();
        assertThat(ids.own()).isEqualTo(3305);
    }

    @Test
    void linesThatDoNotDescribeThisTaskGiveNoId() {
        for (String line : List.of("NSpid:\t3306\t4", "NSpid:", "NSpid:\t", "NSpid:\tx 4", "NSpid:\t3305\t-4",
                "NSpid:\t3305\t0", "NSpid:\t3305\t4x", "NSpid:\t3305\t99999999999", "NSpid:\t3305,4", "Pid:\t3305")) {
            assertThat(NamespaceIds.parse(status(line), 3305)).as(line).isEmpty();
        }
        assertThat(NamespaceIds.parse("", 3305)).isEmpty();
    }

    @Property(tries = 2000)
    void anyLineGivesNoIdOrOnlyIdsThatBelongToTheTask(@ForAll("lines") String line) {
        Optional<NamespaceIds> ids = NamespaceIds.parse(status("NSpid:" + line), 3305);
        ids.ifPresent(i -> {
            assertThat(i.host()).isEqualTo(3305);
            assertThat(i.ids()).allMatch(id -> id > 0);
        });
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789 \t-+x\u00e9\r").ofMaxLength(40);
        Arbitrary<String> nearlyRight = noise.map(tail -> "\t3305" + tail);
        return Arbitraries.oneOf(noise, nearlyRight, Arbitraries.strings().ofMaxLength(60));
    }
}
