package dev.pyprobe.reader.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.elf.LoadedElf;
import dev.pyprobe.reader.probe.bpf.BpfOutput;
import dev.pyprobe.reader.probe.bpf.BpfProgram;
import dev.pyprobe.reader.probe.bpf.FilterProgram;
import dev.pyprobe.reader.probe.bpf.TracepointFilter;
import dev.pyprobe.reader.probe.bpf.UsdtArgumentFilter;
import dev.pyprobe.reader.probe.perf.EventListener;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.perf.PerfEvent;
import dev.pyprobe.reader.probe.perf.Sample;
import dev.pyprobe.reader.probe.perf.SampleFormat;
import dev.pyprobe.reader.probe.usdt.ArgSpec;
import dev.pyprobe.reader.probe.usdt.UsdtProbe;
import dev.pyprobe.reader.probe.usdt.UsdtProbes;
import dev.pyprobe.reader.proc.TargetProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real uprobes on a C program with sys/sdt.h probes, filtered in the kernel by
 * {@link UsdtArgumentFilter} the way tracing attaches it: the filter reads the probe's two first
 * arguments where the SystemTap note says they are (a register, or memory at a register plus a
 * displacement) and counts only the hits whose values are its pair. The fixture calls each probe
 * with its pair, with pairs that differ in one argument (in the low bit or only in the high half)
 * or in both, and with the pair swapped, a known number of times each.
 */
@Timeout(120)
class UsdtSyntheticTest {
    /** Calls of each probe; not a multiple of PERIOD, so an off-by-one in either count shows. */
    private static final int RUNS = 1003;
    /** The fixture's schedule: at call i, i % PERIOD says which arguments the probe gets. */
    private static final int PERIOD = 5;
    private static final int PAIR = 0;
    private static final int SWAPPED = 4;

    @TempDir
    static Path dir;
    static Path binary;

    @BeforeAll
    static void build() {
        Requirements.requireUprobes();
        Requirements.requireFile("/usr/include/x86_64-linux-gnu/sys/sdt.h", "sys/sdt.h (apt-get install systemtap-sdt-dev)");
        binary = Fixture.compile("usdt_fixture", dir);
    }

    @Test
    void fixtureExercisesEveryArgumentForm() {
        Set<String> forms = Readelf.notes(binary).stream()
                .flatMap(n -> ArgSpec.parseAll(n.args()).stream())
                .map(a -> form(a) + (a.signed() ? " signed" : " unsigned") + a.size())
                .collect(Collectors.toSet());
        assertThat(forms).contains("REGISTER signed8", "REGISTER unsigned8", "REGISTER signed4", "REGISTER unsigned4",
                "REGISTER signed2", "REGISTER unsigned1", "REGISTER signed1", "MEMORY(SP,pos) signed8",
                "MEMORY(SP,pos) unsigned8", "MEMORY(SP,pos) signed4", "MEMORY(SP,pos) unsigned2",
                "MEMORY(BP,neg) signed8", "MEMORY(BP,neg) signed4", "CONSTANT signed4");
    }

    @Test
    void theKernelCountsExactlyTheHitsWhoseTwoFirstArgumentsAreTheFiltersPair() throws Exception {
        try (Fixture target = new Fixture(List.of(binary.toString()))) {
            Map<String, long[]> pairs = pairsUntilReady(target);
            try (TargetProcess process = TargetProcess.open(target.pid());
                    EventLoop loop = new EventLoop("usdt-test", Duration.ofMillis(20))) {
                long loadBias = loadBias(process, binary);
                List<UsdtProbe> probes = probes(process, binary);

                // Every probe whose two first arguments the filter can read is tested, in every form.
                assertThat(probes.stream().filter(UsdtSyntheticTest::filterable).map(UsdtProbe::name))
                        .containsExactlyInAnyOrderElementsOf(pairs.keySet());
                Set<String> pairForms = pairs.keySet().stream().map(name -> find(probes, name))
                        .map(p -> form(p.arguments().get(0)) + " " + form(p.arguments().get(1)))
                        .collect(Collectors.toSet());
                assertThat(pairForms).contains("REGISTER REGISTER", "MEMORY(SP,pos) MEMORY(SP,pos)",
                        "MEMORY(BP,neg) MEMORY(BP,neg)", "REGISTER MEMORY(SP,pos)");

                List<Attached> attached = new ArrayList<>();
                try {
                    for (var pair : pairs.entrySet()) {
                        attached.add(new Attached(find(probes, pair.getKey()), pair.getValue(), target.pid(), loop));
                    }
                    for (Attached a : attached) {
                        Readelf.Note note = Readelf.note(binary, a.probe.name());
                        assertThat(semaphore(process, loadBias + note.semaphore()))
                                .as("semaphore of %s while attached", a.probe.name()).isEqualTo(1);
                        assertThat(process.memory().read(loadBias + note.pc(), 1)[0])
                                .as("int3 at %s", a.probe.name()).isEqualTo((byte) 0xcc);
                    }

                    target.send("run " + RUNS);
                    target.expect("done");
                    target.send("sem");
                    String sem = target.expect("sem ");
                    loop.drainNow();

                    assertThat(sem).as("the guarded probe ran every time").isEqualTo("sem " + RUNS + " 1");
                    for (Attached a : attached) {
                        String name = a.probe.name();
                        assertThat(a.problems).as("problems of %s", name).isEmpty();
                        assertThat(a.filter.traps()).as("hits of %s that ran the filter", name).isEqualTo(RUNS);
                        assertThat(a.filter.hits()).as("hits of %s with its pair", name)
                                .isEqualTo(calls(RUNS, PAIR));
                        assertThat(a.swapped.traps()).as("hits of %s that ran the swapped filter", name)
                                .isEqualTo(RUNS);
                        assertThat(a.swapped.hits()).as("hits of %s with its pair swapped", name)
                                .isEqualTo(calls(RUNS, SWAPPED));
                        assertThat(a.streamed).as("streamed hits of %s", name).hasSize(calls(RUNS, PAIR))
                                .allSatisfy(s -> {
                                    assertThat(s.pid()).isEqualTo(target.pid());
                                    assertThat(s.tid()).isEqualTo(target.pid());
                                });
                        assertThat(a.swappedStreamed).as("the count-only filter streams nothing").isEmpty();
                    }

                    for (Attached a : attached) {
                        a.detach();
                    }
                    for (Attached a : attached) {
                        Readelf.Note note = Readelf.note(binary, a.probe.name());
                        assertThat(semaphore(process, loadBias + note.semaphore()))
                                .as("semaphore of %s after close", a.probe.name()).isZero();
                        assertThat(process.memory().read(loadBias + note.pc(), 1)[0])
                                .as("nop back at %s", a.probe.name()).isEqualTo((byte) 0x90);
                    }
                    target.send("run 10");
                    target.expect("done");
                    target.send("sem");
                    assertThat(target.expect("sem ")).isEqualTo("sem " + RUNS + " 0");
                    for (Attached a : attached) {
                        assertThat(a.filter.traps()).as("%s after detaching", a.probe.name()).isEqualTo(RUNS);
                        assertThat(a.filter.hits()).isEqualTo(calls(RUNS, PAIR));
                    }
                } finally {
                    attached.forEach(Attached::close);
                }
            }
        }
    }

    /**
     * One probe with two filters at it, as tracing attaches them ({@code FilteredUprobes}): one
     * on the probe's pair that streams its hits, one on the swapped pair that only counts.
     */
    private static final class Attached implements AutoCloseable {
        final UsdtProbe probe;
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        final List<Sample> streamed = Collections.synchronizedList(new ArrayList<>());
        final List<Sample> swappedStreamed = Collections.synchronizedList(new ArrayList<>());
        private final List<AutoCloseable> resources = new ArrayList<>();
        private final List<PerfEvent> events = new ArrayList<>();
        TracepointFilter filter;
        TracepointFilter swapped;

        Attached(UsdtProbe probe, long[] pair, int pid, EventLoop loop) {
            this.probe = probe;
            try {
                UsdtArgumentFilter.Argument a0 = argument(probe.arguments().get(0));
                UsdtArgumentFilter.Argument a1 = argument(probe.arguments().get(1));
                BpfOutput output = add(BpfOutput.open(loop, collect(streamed)));
                filter = add(UsdtArgumentFilter.load(a0, a1, pair[0], pair[1], FilterProgram.STREAM, output));
                BpfOutput unread = add(BpfOutput.open(loop, null));
                swapped = add(UsdtArgumentFilter.load(a0, a1, pair[1], pair[0], 0, unread));
                for (TracepointFilter f : List.of(filter, swapped)) {
                    PerfEvent event = BpfProgram.runAt(PerfEvent.uprobe(probe.uprobe(), pid, SampleFormat.basic(), 1),
                            f.program());
                    events.add(event);
                    event.enable();
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private <T extends AutoCloseable> T add(T resource) {
            resources.add(resource);
            return resource;
        }

        private EventListener collect(List<Sample> into) {
            return new EventListener() {
                @Override
                public void onSample(PerfEvent source, Sample sample) {
                    into.add(sample);
                }

                @Override
                public void onLost(PerfEvent source, long count) {
                    problems.add("lost " + count);
                }

                @Override
                public void onThrottled(PerfEvent source) {
                    problems.add("throttled " + source);
                }
            };
        }

        /** Closes the uprobes; the filters stay readable. */
        void detach() {
            events.forEach(PerfEvent::close);
            events.clear();
        }

        @Override
        public void close() {
            detach();
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            resources.clear();
        }
    }

    /** How many of the calls 0..n-1 get the arguments of {@code residue} in the fixture's schedule. */
    private static int calls(int n, int residue) {
        return (n - residue + PERIOD - 1) / PERIOD;
    }

    /** An argument the filter can read: 8 bytes in a register or in memory at a register plus a displacement. */
    private static boolean filterable(ArgSpec spec) {
        return spec.size() == 8 && spec.kind() != ArgSpec.Kind.CONSTANT && spec.register().isPresent();
    }

    private static boolean filterable(UsdtProbe probe) {
        return probe.arguments().size() >= 2 && filterable(probe.arguments().get(0))
                && filterable(probe.arguments().get(1));
    }

    /** Where the filter reads the argument, as tracing derives it from the note (UsdtMechanism). */
    private static UsdtArgumentFilter.Argument argument(ArgSpec spec) {
        assertThat(filterable(spec)).as("%s is a 64-bit register or memory operand", spec).isTrue();
        return new UsdtArgumentFilter.Argument(spec.register().orElseThrow(), spec.kind() == ArgSpec.Kind.MEMORY,
                spec.displacement());
    }

    private static String form(ArgSpec a) {
        return a.kind() + (a.kind() == ArgSpec.Kind.MEMORY
                ? "(" + a.register().orElseThrow() + (a.displacement() < 0 ? ",neg)" : ",pos)") : "");
    }

    /** The fixture's "pair NAME A B" lines, up to its "ready PID". */
    private static Map<String, long[]> pairsUntilReady(Fixture target) throws InterruptedException {
        Map<String, long[]> pairs = new LinkedHashMap<>();
        while (true) {
            String line = target.expect("");
            if (line.startsWith("ready ")) {
                assertThat(line).isEqualTo("ready " + target.pid());
                return pairs;
            }
            String[] f = line.split(" ");
            assertThat(f).as("fixture line '%s'", line).hasSize(4).startsWith("pair");
            pairs.put(f[1], new long[] {Long.parseUnsignedLong(f[2].substring(2), 16),
                Long.parseUnsignedLong(f[3].substring(2), 16)});
        }
    }

    /** The probes as pyprobe finds them (elf package), checked against binutils' view. */
    static List<UsdtProbe> probes(TargetProcess process, Path binary) {
        List<UsdtProbe> probes;
        try (LoadedElf elf = LoadedElf.openExecutable(process, process.maps())) {
            probes = UsdtProbes.inBinary(process, elf);
        }
        assertThat(probes).extracting(UsdtProbe::name).containsExactlyInAnyOrderElementsOf(
                Readelf.notes(binary).stream().map(Readelf.Note::name).toList());
        for (UsdtProbe p : probes) {
            Readelf.Note n = Readelf.note(binary, p.name());
            assertThat(p.pcFileOffset()).isEqualTo(Readelf.fileOffset(binary, n.pc()));
            assertThat(p.semaphoreFileOffset()).isEqualTo(Readelf.fileOffset(binary, n.semaphore()));
            assertThat(p.arguments()).extracting(ArgSpec::toString).containsExactly(n.args().split(" "));
        }
        return probes;
    }

    static UsdtProbe find(List<UsdtProbe> probes, String name) {
        return probes.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no probe " + name));
    }

    static int semaphore(TargetProcess process, long address) {
        byte[] b = process.memory().read(address, 2);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8;
    }

    /** Where a PIE binary was loaded: the start of its mapping at file offset 0. */
    static long loadBias(TargetProcess process, Path binary) throws Exception {
        String real = binary.toRealPath().toString();
        for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(process.pid()), "maps"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && f[5].equals(real) && Long.parseLong(f[2], 16) == 0) {
                return Long.parseUnsignedLong(f[0].split("-")[0], 16);
            }
        }
        throw new AssertionError(binary + " not mapped in " + process.pid());
    }
}
