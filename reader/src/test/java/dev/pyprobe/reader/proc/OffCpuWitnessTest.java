package dev.pyprobe.reader.proc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.testing.SuitePythons;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The witness on a real process: a main thread blocked reading its stdin, woken by a line, and a
 * thread that spins without pause.
 */
@Timeout(30)
class OffCpuWitnessTest {
    private static final String PROGRAM = String.join("\n",
            "import sys, threading",
            "def spin():",
            "    while True:",
            "        pass",
            "t = threading.Thread(target=spin, daemon=True)",
            "t.start()",
            "print(threading.get_native_id(), t.native_id, flush=True)",
            "for line in sys.stdin:",
            "    print('got', flush=True)",
            "");

    private Process process;
    private BufferedReader out;
    private OutputStream in;
    private int mainTid;
    private int spinnerTid;
    private OffCpuWitness witness;

    @BeforeEach
    void start() throws Exception {
        SuitePythons.requireInstalled(SuitePythons.DEBIAN_PYTHON);
        process = new ProcessBuilder(SuitePythons.DEBIAN_PYTHON, "-c", PROGRAM)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = process.getOutputStream();
        String[] ids = out.readLine().split(" ");
        mainTid = Integer.parseInt(ids[0]);
        spinnerTid = Integer.parseInt(ids[1]);
        witness = new OffCpuWitness((int) process.pid());
    }

    @AfterEach
    void stop() throws Exception {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void aBlockedThreadIsVouchedForUntilItIsWokenUp() throws Exception {
        OffCpuWitness.Blocked blocked = blockedMain();
        assertThat(witness.stillBlocked(blocked)).as("nothing woke it").isTrue();

        in.write("wake up\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        assertThat(out.readLine()).isEqualTo("got");
        assertThat(witness.stillBlocked(blocked)).as("it ran, even if it is blocked again").isFalse();
        assertThat(blockedMain()).as("blocked again, seen anew").isNotNull();
    }

    @Test
    void aThreadThatRunsOrWaitsForACpuIsNeverVouchedFor() {
        for (int i = 0; i < 1000; i++) {
            assertThat(witness.blockedNow(spinnerTid)).as("the spinner, look " + i).isNull();
        }
    }

    @Test
    void anUnknownThreadIsNotVouchedFor() {
        assertThat(witness.blockedNow(0)).isNull();
        assertThat(witness.blockedNow(Integer.MAX_VALUE)).isNull();
        assertThat(new OffCpuWitness(Integer.MAX_VALUE).blockedNow(mainTid)).isNull();
    }

    /** The main thread, once it is back in its read (it may still be on its way there after a line). */
    private OffCpuWitness.Blocked blockedMain() throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            OffCpuWitness.Blocked blocked = witness.blockedNow(mainTid);
            if (blocked != null) {
                return blocked;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the main thread never showed as blocked in its read");
    }
}
