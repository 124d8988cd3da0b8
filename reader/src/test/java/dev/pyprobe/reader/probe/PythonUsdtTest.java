package dev.pyprobe.reader.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pyprobe.reader.elf.LoadedElf;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.python.PythonProbeHit;
import dev.pyprobe.reader.probe.python.PythonProbeKind;
import dev.pyprobe.reader.probe.python.PythonProbeListener;
import dev.pyprobe.reader.probe.python.PythonUsdt;
import dev.pyprobe.reader.probe.usdt.UsdtProbe;
import dev.pyprobe.reader.probe.usdt.UsdtProbes;
import dev.pyprobe.reader.proc.TargetProcess;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** CPython's own USDT probes on Debian's /usr/bin/python3.11, counted against the program's calls. */
@Timeout(120)
class PythonUsdtTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3.11");
    private static final int CALLS = 1000;

    @TempDir
    Path dir;

    @BeforeAll
    static void require() {
        Requirements.requireUprobes();
        Requirements.requireFile(PYTHON.toString(), "Debian's python3.11 built with USDT probes");
    }

    static final class Recorder implements PythonProbeListener {
        final List<PythonProbeHit> hits = Collections.synchronizedList(new ArrayList<>());
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onHit(PythonProbeHit hit) {
            hits.add(hit);
        }

        @Override
        public void onLost(PythonProbeKind kind, long count) {
            problems.add(kind + " lost " + count);
        }

        @Override
        public void onThrottled(PythonProbeKind kind, int tid) {
            problems.add(kind + " throttled on " + tid);
        }

        @Override
        public void onDecodeError(PythonProbeKind kind, int tid, RuntimeException error) {
            problems.add(kind + ": " + error.getMessage());
        }

        List<PythonProbeHit> of(PythonProbeKind kind, String function) {
            synchronized (hits) {
                return hits.stream().filter(h -> h.kind() == kind && h.function().equals(function)).toList();
            }
        }
    }

    static List<UsdtProbe> pythonProbes(TargetProcess process) {
        try (LoadedElf elf = LoadedElf.openExecutable(process, process.maps())) {
            return UsdtProbes.inBinary(process, elf);
        }
    }

    @Test
    void everyCallOfTheFunctionIsSeenOnceAtEntryAndOnceAtReturn() throws Exception {
        Path script = PythonFixture.script(dir);
        List<String> source = Files.readAllLines(script);
        int defLine = source.indexOf("def target_fn(x):") + 1;
        int returnLine = source.indexOf("    return x + 1") + 1;
        // Non-PIE binary: run-time addresses are the link-time ones.
        long entrySem = Readelf.note(PYTHON, "function__entry").semaphore();
        long returnSem = Readelf.note(PYTHON, "function__return").semaphore();
        long lineSem = Readelf.note(PYTHON, "line").semaphore();
        List<Long> patched = List.of(Readelf.note(PYTHON, "function__entry").pc(),
                Readelf.note(PYTHON, "function__return").pc(), Readelf.dynamicSymbol(PYTHON, "Py_BytesMain"));

        try (Fixture target = PythonFixture.start(PYTHON.toString(), dir);
                TargetProcess process = TargetProcess.open(target.pid());
                EventLoop loop = new EventLoop("py-usdt", Duration.ofMillis(20))) {
            target.expect("ready");
            Recorder rec = new Recorder();
            PythonUsdt usdt;
            try (LoadedElf elf = LoadedElf.openExecutable(process, process.maps())) {
                usdt = PythonUsdt.attach(process, elf, 3, 11,
                        EnumSet.of(PythonProbeKind.FUNCTION_ENTRY, PythonProbeKind.FUNCTION_RETURN), loop, rec, null);
            }
            assertThat(UsdtSyntheticTest.semaphore(process, entrySem)).isEqualTo(1);
            assertThat(UsdtSyntheticTest.semaphore(process, returnSem)).isEqualTo(1);
            assertThat(UsdtSyntheticTest.semaphore(process, lineSem)).isEqualTo(1);
            for (long pc : patched) {
                assertThat(process.memory().read(pc, 1)[0]).as("int3 at 0x%x", pc).isEqualTo((byte) 0xcc);
            }

            target.send("run " + CALLS);
            target.expect("done");
            loop.drainNow();
            assertThat(rec.problems).isEmpty();
            List<PythonProbeHit> entries = rec.of(PythonProbeKind.FUNCTION_ENTRY, "target_fn");
            List<PythonProbeHit> returns = rec.of(PythonProbeKind.FUNCTION_RETURN, "target_fn");
            assertThat(entries).hasSize(CALLS);
            assertThat(returns).hasSize(CALLS);
            assertThat(entries).allSatisfy(h -> {
                assertThat(h.filename()).isEqualTo(script.toString());
                assertThat(h.lineno()).isEqualTo(defLine);
                assertThat(h.tid()).isEqualTo(target.pid());
            });
            assertThat(returns).allSatisfy(h -> assertThat(h.lineno()).isEqualTo(returnLine));

            usdt.close();
            assertThat(UsdtSyntheticTest.semaphore(process, entrySem)).isZero();
            assertThat(UsdtSyntheticTest.semaphore(process, returnSem)).isZero();
            assertThat(UsdtSyntheticTest.semaphore(process, lineSem)).isZero();
            for (long pc : patched) {
                assertThat(process.memory().read(pc, 1)[0]).as("original byte back at 0x%x", pc)
                        .isEqualTo(fileByte(Readelf.fileOffset(PYTHON, pc)));
            }
            target.send("run 10");
            target.expect("done");
            loop.drainNow();
            assertThat(rec.of(PythonProbeKind.FUNCTION_ENTRY, "target_fn")).hasSize(CALLS);
        }
    }

    @Test
    void threadsStartedAfterAttachingAreProbedToo() throws Exception {
        try (Fixture target = PythonFixture.start(PYTHON.toString(), dir);
                TargetProcess process = TargetProcess.open(target.pid());
                EventLoop loop = new EventLoop("py-usdt-threads", Duration.ofMillis(20))) {
            target.expect("ready");
            Recorder rec = new Recorder();
            try (LoadedElf elf = LoadedElf.openExecutable(process, process.maps());
                    PythonUsdt usdt = PythonUsdt.attach(process, elf, 3, 11, EnumSet.of(PythonProbeKind.FUNCTION_ENTRY),
                            loop, rec, null)) {
                target.send("spawn");
                int worker = Integer.parseInt(target.expect("spawned ").split(" ")[1]);
                usdt.rescanThreads();
                target.send("trun 300");
                target.expect("tdone");
                target.send("run 100");
                target.expect("done");
                loop.drainNow();
                assertThat(rec.problems).isEmpty();
                List<PythonProbeHit> entries = rec.of(PythonProbeKind.FUNCTION_ENTRY, "target_fn");
                assertThat(entries.stream().filter(h -> h.tid() == worker)).hasSize(300);
                assertThat(entries.stream().filter(h -> h.tid() == target.pid())).hasSize(100);
                assertThat(entries).hasSize(400);
            }
        }
    }

    @Test
    void lineProbesReportEachLineOfTheFunction() throws Exception {
        Path script = PythonFixture.script(dir);
        int returnLine = Files.readAllLines(script).indexOf("    return x + 1") + 1;
        try (Fixture target = PythonFixture.start(PYTHON.toString(), dir);
                TargetProcess process = TargetProcess.open(target.pid());
                EventLoop loop = new EventLoop("py-usdt-line", Duration.ofMillis(20))) {
            target.expect("ready");
            Recorder rec = new Recorder();
            try (LoadedElf elf = LoadedElf.openExecutable(process, process.maps());
                    PythonUsdt usdt = PythonUsdt.attach(process, elf, 3, 11, EnumSet.of(PythonProbeKind.LINE), loop, rec,
                            null)) {
                target.send("run 200");
                target.expect("done");
                loop.drainNow();
                assertThat(rec.problems).isEmpty();
                List<PythonProbeHit> lines = rec.of(PythonProbeKind.LINE, "target_fn");
                assertThat(lines).hasSize(200).allSatisfy(h -> assertThat(h.lineno()).isEqualTo(returnLine));
                assertThat(usdt.lost()).isZero();
            }
        }
    }

    /** The measured 3.11 quirk this class works around: without the line semaphore, no entry hits. */
    @Test
    void withoutTheLineSemaphoreFunctionEntryIsSilentOn311() throws Exception {
        try (Fixture target = PythonFixture.start(PYTHON.toString(), dir);
                TargetProcess process = TargetProcess.open(target.pid());
                EventLoop loop = new EventLoop("py-usdt-quirk", Duration.ofMillis(20))) {
            target.expect("ready");
            Recorder rec = new Recorder();
            try (PythonUsdt usdt = PythonUsdt.attach(target.pid(), pythonProbes(process),
                    EnumSet.of(PythonProbeKind.FUNCTION_ENTRY, PythonProbeKind.FUNCTION_RETURN), false,
                    OptionalLong.empty(), loop, process.memory(), rec, null)) {
                target.send("run 100");
                target.expect("done");
                loop.drainNow();
                assertThat(rec.of(PythonProbeKind.FUNCTION_RETURN, "target_fn")).hasSize(100);
                assertThat(rec.of(PythonProbeKind.FUNCTION_ENTRY, "target_fn")).isEmpty();
                assertThat(usdt.lost()).isZero();
            }
        }
    }

    @Test
    void aPythonWithoutProbesIsRefusedWithTheReason() throws Exception {
        String python = PythonFixture.PYENV + "3.11.7/bin/python";
        Requirements.requireFile(python, "pyenv Python 3.11.7");
        try (Fixture target = PythonFixture.start(python, dir);
                TargetProcess process = TargetProcess.open(target.pid());
                EventLoop loop = new EventLoop("py-usdt-none", Duration.ofMillis(20))) {
            target.expect("ready");
            try (LoadedElf elf = LoadedElf.openExecutable(process, process.maps())) {
                assertThatThrownBy(() -> PythonUsdt.attach(process, elf, 3, 11,
                        EnumSet.of(PythonProbeKind.FUNCTION_ENTRY), loop, new Recorder(), null))
                        .isInstanceOf(ProbeException.class)
                        .hasMessageContaining("no python:function__entry USDT probe")
                        .hasMessageContaining("--with-dtrace");
            }
        }
    }

    private static byte fileByte(long offset) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(PYTHON.toFile(), "r")) {
            f.seek(offset);
            return f.readByte();
        }
    }
}
