package dev.pyprobe.reader.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.elf.LoadedElf;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.usdt.ArgSpec;
import dev.pyprobe.reader.probe.usdt.CString;
import dev.pyprobe.reader.probe.usdt.UsdtAttachment;
import dev.pyprobe.reader.probe.usdt.UsdtHit;
import dev.pyprobe.reader.probe.usdt.UsdtListener;
import dev.pyprobe.reader.probe.usdt.UsdtProbe;
import dev.pyprobe.reader.probe.usdt.UsdtProbes;
import dev.pyprobe.reader.proc.TargetProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real uprobes on a C program with sys/sdt.h probes that fire a known number of times with
 * values computed from the iteration number, in every argument form the parser supports.
 */
@Timeout(120)
class UsdtSyntheticTest {
    private static final int RUNS = 3000;
    private static final List<String> PROBES = List.of("regs", "stack_rsp", "stack_rbp", "constants", "strings", "guarded");

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
                .map(a -> a.kind() + (a.kind() == ArgSpec.Kind.MEMORY ? "(" + a.register().orElseThrow() + (a.displacement() < 0 ? ",neg)" : ",pos)") : "")
                        + (a.signed() ? " signed" : " unsigned") + a.size())
                .collect(Collectors.toSet());
        assertThat(forms).contains("REGISTER signed8", "REGISTER signed4", "REGISTER unsigned4", "REGISTER signed2",
                "REGISTER unsigned1", "REGISTER signed1", "MEMORY(SP,pos) signed8", "MEMORY(SP,pos) signed4",
                "MEMORY(SP,pos) unsigned2", "MEMORY(BP,neg) signed8", "MEMORY(BP,neg) signed4", "CONSTANT signed4");
    }

    @Test
    void countsEveryHitAndDecodesEveryArgument() throws Exception {
        try (Fixture target = new Fixture(List.of(binary.toString()));
                TargetProcess process = openAfterReady(target);
                EventLoop loop = new EventLoop("usdt-test", Duration.ofMillis(20))) {
            long loadBias = loadBias(process, binary);
            List<UsdtProbe> probes = probes(process, binary);
            Map<String, List<UsdtHit>> hits = new HashMap<>();
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            List<UsdtAttachment> attached = new ArrayList<>();
            for (String name : PROBES) {
                List<UsdtHit> list = Collections.synchronizedList(new ArrayList<>());
                hits.put(name, list);
                attached.add(UsdtAttachment.attach(find(probes, name), target.pid(), loop, process.memory(), new UsdtListener() {
                    @Override
                    public void onHit(UsdtHit hit) {
                        list.add(hit);
                    }

                    @Override
                    public void onLost(long count) {
                        problems.add(name + " lost " + count);
                    }

                    @Override
                    public void onThrottled(int tid) {
                        problems.add(name + " throttled on " + tid);
                    }

                    @Override
                    public void onDecodeError(UsdtProbe probe, int tid, RuntimeException error) {
                        problems.add(name + ": " + error.getMessage());
                    }
                }));
            }
            for (String name : PROBES) {
                Readelf.Note note = Readelf.note(binary, name);
                assertThat(semaphore(process, loadBias + note.semaphore())).as("semaphore of %s while attached", name).isEqualTo(1);
                assertThat(process.memory().read(loadBias + note.pc(), 1)[0]).as("int3 at %s", name).isEqualTo((byte) 0xcc);
            }

            target.send("run " + RUNS);
            target.expect("done");
            target.send("sem");
            String sem = target.expect("sem ");
            loop.drainNow();

            assertThat(problems).isEmpty();
            assertThat(attached).allSatisfy(a -> {
                assertThat(a.hits()).as("kernel count of %s", a.probe()).isEqualTo(RUNS);
                assertThat(a.lost()).isZero();
            });
            assertThat(attached).allSatisfy(a -> assertThat(a.throttled()).as("kernel throttling of %s", a.probe()).isZero());
            assertThat(sem).isEqualTo("sem " + RUNS + " 1"); // the guarded branch ran every time
            for (String name : PROBES) {
                assertThat(hits.get(name)).as("hits of %s", name).hasSize(RUNS);
            }
            String[] names = {"alpha", "beta", "gamma"};
            for (int i = 0; i < RUNS; i++) {
                long n = i;
                assertThat(hits.get("regs").get(i).arguments()).containsExactly(-1_000_000_000_000L - n,
                        -7 * n - 3, 4_000_000_000L + n, -300 - n, (200 + n) & 0xff, (byte) (-100 - n));
                assertThat(hits.get("stack_rsp").get(i).arguments()).containsExactly(123456789012L * (n + 1), -5 - n,
                        (60000 + n) & 0xffff);
                assertThat(hits.get("stack_rbp").get(i).arguments()).containsExactly(-2 * n - 1, 3 * n);
                assertThat(hits.get("constants").get(i).arguments()).containsExactly(5, -42);
                long[] s = hits.get("strings").get(i).arguments();
                assertThat(CString.read(process.memory(), s[0], 64)).isEqualTo(names[i % 3]);
                assertThat(s[1]).isEqualTo(n);
                assertThat(hits.get("guarded").get(i).arguments()).containsExactly(n);
            }

            attached.forEach(UsdtAttachment::close);
            for (String name : PROBES) {
                Readelf.Note note = Readelf.note(binary, name);
                assertThat(semaphore(process, loadBias + note.semaphore())).as("semaphore of %s after close", name).isZero();
                assertThat(process.memory().read(loadBias + note.pc(), 1)[0]).as("nop back at %s", name).isEqualTo((byte) 0x90);
            }
            target.send("run 10");
            target.expect("done");
            target.send("sem");
            assertThat(target.expect("sem ")).isEqualTo("sem " + RUNS + " 0");
        }
    }

    /** The probes as pyprobe finds them (elf package), checked against binutils' view. */
    static List<UsdtProbe> probes(TargetProcess process, Path binary) {
        List<UsdtProbe> probes;
        try (LoadedElf elf = LoadedElf.openExecutable(process, process.maps())) {
            probes = UsdtProbes.inBinary(process, elf);
        }
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

    static TargetProcess openAfterReady(Fixture target) throws InterruptedException {
        target.expect("ready");
        return TargetProcess.open(target.pid());
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
