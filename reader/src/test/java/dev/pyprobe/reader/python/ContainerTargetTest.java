package dev.pyprobe.reader.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.pyprobe.reader.elf.LoadedElf;
import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.testing.ContainerProcesses;
import dev.pyprobe.reader.testing.SuitePythons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Targets as a container runs them (Debian sid's builds in their own root and PID namespace,
 * scripts/sid): each thread is known by the host's TID, with the id it sees itself by beside it,
 * its kernel state is read from the right task, and the interpreter binary read is the
 * container's. The oracles are the kernel's NSpid lines and the fixture's report of itself.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ContainerTargetTest {

    static Stream<String> containers() {
        return Stream.of("python3.13", "python3.13d", "python3.14", "python3.14d").map(SuitePythons::sid);
    }

    @ParameterizedTest
    @MethodSource("containers")
    void threadsAreKnownByTheHostsTidsAndTheirOwnAndParkedOnesAreIdle(String launcher) throws Exception {
        SuitePythons.requireInstalled(launcher);
        try (ParkedThreadsFixture fx = ParkedThreadsFixture.start(launcher);
             PythonTarget target = PythonTargets.attach(fx.pid)) {
            Map<Integer, Integer> hostByOwn = hostTidsByOwnId(fx.pid);
            assertThat(hostByOwn.keySet()).as("the fixture's main thread is PID 1 inside").contains(1);
            List<PythonThread> threads = target.threads();
            SoftAssertions softly = new SoftAssertions();
            for (JsonElement e : fx.report.getAsJsonArray("threads")) {
                JsonObject reported = e.getAsJsonObject();
                String role = reported.get("role").getAsString();
                int own = reported.get("native_id").getAsInt();
                PythonThread thread = threads.stream().filter(t -> t.ident() == reported.get("ident").getAsLong())
                        .findFirst().orElseThrow(() -> new AssertionError(role + " is not among " + threads));
                softly.assertThat(thread.namespaceTid()).as(role + ": the id it sees itself by").isEqualTo(own);
                softly.assertThat(thread.nativeId()).as(role + ": the host's TID").isEqualTo(hostByOwn.get(own));
                softly.assertThat(thread.idle()).as(role + " is parked").isTrue();
            }
            softly.assertAll();
        }
    }

    @ParameterizedTest
    @MethodSource("containers")
    void theInterpreterIsTheContainersOwnFileNamedAsTheContainerNamesIt(String launcher) throws Exception {
        SuitePythons.requireInstalled(launcher);
        try (ParkedThreadsFixture fx = ParkedThreadsFixture.start(launcher);
             TargetProcess process = TargetProcess.open(fx.pid);
             LoadedElf exe = LoadedElf.openExecutable(process, process.maps())) {
            String executable = fx.report.get("executable").getAsString();
            assertThat(process.exePath()).isEqualTo(executable);
            assertThat(exe.pathInTarget()).isEqualTo(executable);
            // Through the container's root by its own name, not through map_files (which needs
            // CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE): the file is found without either.
            assertThat(exe.hostPath()).isEqualTo(Path.of("/proc/" + fx.pid + "/root" + executable));
        }
    }

    @Test
    void aTargetInOurNamespaceKeepsItsIdsAsTheyAre() throws Exception {
        SuitePythons.requireInstalled(SuitePythons.DEBIAN_PYTHON);
        try (ParkedThreadsFixture fx = ParkedThreadsFixture.start(SuitePythons.DEBIAN_PYTHON);
             PythonTarget target = PythonTargets.attach(fx.pid)) {
            List<PythonThread> threads = target.threads();
            for (JsonElement e : fx.report.getAsJsonArray("threads")) {
                JsonObject reported = e.getAsJsonObject();
                PythonThread thread = threads.stream().filter(t -> t.ident() == reported.get("ident").getAsLong())
                        .findFirst().orElseThrow();
                assertThat(thread.nativeId()).isEqualTo(reported.get("native_id").getAsInt());
                assertThat(thread.namespaceTid()).isZero();
                assertThat(thread.idle()).isTrue();
            }
        }
    }

    /** The kernel's word on each task: NSpid lists its ids, the host's first, its own last. */
    private static Map<Integer, Integer> hostTidsByOwnId(int pid) throws IOException {
        Map<Integer, Integer> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Integer.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                List<Integer> ids = ContainerProcesses.namespaceIds(task.resolve("status"));
                if (ids.size() == 2 && ids.get(0) == Integer.parseInt(task.getFileName().toString())) {
                    out.put(ids.get(1), ids.get(0));
                }
            }
        }
        return out;
    }
}
