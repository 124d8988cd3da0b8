package dev.pyprobe.reader.python.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.PythonFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * However a thread's stacks follow each other (deeper, shallower, the same callers under another
 * frame, the same frames as new objects), the profile holds each distinct stack with the number of
 * times it was added, and every node's total is its own count plus its children's.
 */
class ProfilePropertiesTest {
    private static final List<PythonFrame> FRAMES = List.of(
            new PythonFrame("main", "app.py", 10, 1, 0x1000, 0xa000),
            new PythonFrame("work", "app.py", 20, 15, 0x1100, 0xb000),
            new PythonFrame("work", "app.py", 21, 15, 0x1100, 0xb000),
            new PythonFrame("leaf", "lib.py", 3, 2, 0x1200, 0xc000));

    /** One added stack: a thread and frames innermost first. */
    record Added(String thread, List<PythonFrame> frames) {
    }

    @Provide
    Arbitrary<List<Added>> sequences() {
        // Some frames equal to a known one but another object, as a fresh read gives them.
        Arbitrary<PythonFrame> frame = Combinators.combine(Arbitraries.of(FRAMES), Arbitraries.of(false, true))
                .as((f, copy) -> copy ? new PythonFrame(f.function(), f.file(), f.line(), f.firstLine(),
                        f.frameAddress(), f.codeAddress()) : f);
        Arbitrary<Added> added = Combinators.combine(Arbitraries.of("T", "U"), frame.list().ofMinSize(1).ofMaxSize(5))
                .as(Added::new);
        return added.list().ofMaxSize(40);
    }

    @Property(tries = 500)
    void distinctStacksAreCountedAsAdded(@ForAll("sequences") List<Added> sequence, @ForAll boolean threadRoots) {
        Profile profile = new Profile(threadRoots);
        Map<List<Profile.Frame>, Long> expected = new LinkedHashMap<>();
        for (Added a : sequence) {
            profile.add(a.thread(), a.frames());
            List<Profile.Frame> rootFirst = new ArrayList<>();
            if (threadRoots) {
                rootFirst.add(new Profile.Frame(a.thread(), null, 0, 0));
            }
            for (int i = a.frames().size() - 1; i >= 0; i--) {
                rootFirst.add(Profile.Frame.of(a.frames().get(i)));
            }
            expected.merge(rootFirst, 1L, Long::sum);
        }
        Map<List<Profile.Frame>, Long> folded = new LinkedHashMap<>();
        profile.stacks().forEach(s -> folded.put(s.frames(), s.count()));
        assertThat(folded).isEqualTo(expected);
        assertThat(profile.samples()).isEqualTo(sequence.size());
        assertAddsUp(profile.root());
    }

    private static void assertAddsUp(Profile.Node node) {
        long children = 0;
        for (Profile.Node child : node.children()) {
            assertAddsUp(child);
            children += child.total();
        }
        assertThat(node.total()).isEqualTo(node.self() + children);
    }
}
