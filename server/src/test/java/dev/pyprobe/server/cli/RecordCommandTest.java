package dev.pyprobe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pyprobe.reader.testing.BlockedThreads;
import dev.pyprobe.reader.testing.SuitePythons;
import dev.pyprobe.server.dap.PythonInterpreters;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code pyprobe record} and {@code pyprobe top} as a user runs them, on a real process whose one
 * busy thread spends its time in hot() called by outer(): every format holds those stacks, and the
 * figures of one format agree with the others'.
 */
@Timeout(180)
class RecordCommandTest {
    private static final String PYTHON = SuitePythons.pyenv("3.12.1");

    @TempDir
    Path dir;
    private Process target;
    private int pid;

    @BeforeEach
    void startTarget() throws Exception {
        PythonInterpreters.requireInstalled(PYTHON);
        Path script = dir.resolve("sampled_target.py");
        Files.copy(RecordCommandTest.class.getResourceAsStream("/sampling/sampled_target.py"), script);
        target = new ProcessBuilder(PYTHON, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        pid = (int) target.pid();
        assertThat(new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8)).readLine())
                .isEqualTo("ready");
        // The main and napper threads wait, the busy thread runs: only its stacks are recorded.
        BlockedThreads.await(pid, 3, 1);
    }

    @AfterEach
    void stopTarget() throws Exception {
        target.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void collapsedStacksAreRootFirstAndAddUpToTheSamplesOfTheJson() throws Exception {
        Path json = dir.resolve("p.json");
        Path collapsed = dir.resolve("p.txt");
        assertThat(run("record", Integer.toString(pid), "--duration", "1", "--format", "json", "-o", json.toString()))
                .isZero();
        assertThat(run("record", Integer.toString(pid), "--duration", "1", "--format", "collapsed", "-o",
                collapsed.toString())).isZero();

        Pattern line = Pattern.compile("^(.+) (\\d+)$");
        long total = 0;
        for (String l : Files.readAllLines(collapsed)) {
            Matcher m = line.matcher(l);
            assertThat(m.matches()).as(l).isTrue();
            String[] frames = m.group(1).split(";");
            assertThat(frames[0]).as("root first").startsWith("Thread._bootstrap (");
            assertThat(frames[frames.length - 1]).matches("(hot|outer) \\(.*sampled_target\\.py:\\d+\\)");
            total += Long.parseLong(m.group(2));
        }
        assertThat(total).isPositive();

        JsonObject doc = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(doc.get("pid").getAsInt()).isEqualTo(pid);
        assertThat(doc.get("mode").getAsString()).isEqualTo("wall");
        long stacks = 0;
        for (JsonElement s : doc.getAsJsonArray("profile")) {
            JsonArray frames = s.getAsJsonObject().getAsJsonArray("frames");
            JsonObject leaf = frames.get(frames.size() - 1).getAsJsonObject();
            assertThat(leaf.get("function").getAsString()).isIn("hot", "outer");
            assertThat(leaf.get("file").getAsString()).endsWith("sampled_target.py");
            stacks += s.getAsJsonObject().get("count").getAsLong();
        }
        assertThat(stacks).isEqualTo(doc.get("stacks").getAsLong() - doc.get("inconsistent_stacks").getAsLong());
        assertThat(doc.get("samples").getAsLong()).isPositive();
    }

    @Test
    void speedscopeFilesHaveTheSchemaFramesAndWeights() throws Exception {
        Path file = dir.resolve("p.speedscope.json");
        assertThat(run("record", Integer.toString(pid), "--duration", "1", "--format", "speedscope", "-o",
                file.toString())).isZero();
        JsonObject doc = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertThat(doc.get("$schema").getAsString()).isEqualTo("https://www.speedscope.app/file-format-schema.json");
        JsonArray frames = doc.getAsJsonObject("shared").getAsJsonArray("frames");
        assertThat(frames).anySatisfy(f -> assertThat(f.getAsJsonObject().get("name").getAsString()).isEqualTo("hot"));
        // A speedscope frame is a function: hot() at its several lines is one frame, at its first line.
        List<String> functions = frames.asList().stream().map(f -> f.getAsJsonObject().get("name").getAsString() + " in "
                + (f.getAsJsonObject().has("file") ? f.getAsJsonObject().get("file").getAsString() : "")).toList();
        assertThat(functions).doesNotHaveDuplicates();
        JsonObject profile = doc.getAsJsonArray("profiles").get(0).getAsJsonObject();
        assertThat(profile.get("type").getAsString()).isEqualTo("sampled");
        JsonArray samples = profile.getAsJsonArray("samples");
        JsonArray weights = profile.getAsJsonArray("weights");
        assertThat(samples.size()).isEqualTo(weights.size()).isPositive();
        long sum = 0;
        for (JsonElement w : weights) {
            sum += w.getAsLong();
        }
        assertThat(profile.get("endValue").getAsLong()).isEqualTo(sum);
        for (JsonElement s : samples) {
            for (JsonElement i : s.getAsJsonArray()) {
                assertThat(i.getAsInt()).isBetween(0, frames.size() - 1);
            }
        }
    }

    @Test
    void theFlameGraphIsOneOfflineFileWhoseTreeAddsUp() throws Exception {
        Path file = dir.resolve("p.html");
        assertThat(run("record", Integer.toString(pid), "--duration", "1", "--threads", "-o", file.toString())).isZero();
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("src=\"http").doesNotContain("href=\"http");
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"profile\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(data.find()).isTrue();
        JsonObject doc = JsonParser.parseString(data.group(1)).getAsJsonObject();
        JsonArray names = doc.getAsJsonArray("names");
        JsonObject root = doc.getAsJsonObject("root");
        assertThat(root.get("v").getAsLong()).isPositive();
        assertAddsUp(root);
        JsonObject thread = root.getAsJsonArray("c").get(0).getAsJsonObject();
        assertThat(names.get(thread.get("n").getAsInt()).getAsString()).as("--threads: the thread is the root").isEqualTo("busy");
        assertThat(thread.has("f")).as("a thread root has no file").isFalse();
    }

    /** A node's samples are its own plus its children's. */
    private static void assertAddsUp(JsonObject node) {
        long children = 0;
        if (node.has("c")) {
            for (JsonElement c : node.getAsJsonArray("c")) {
                assertAddsUp(c.getAsJsonObject());
                children += c.getAsJsonObject().get("v").getAsLong();
            }
        }
        assertThat(node.get("v").getAsLong()).isEqualTo(node.get("s").getAsLong() + children);
    }

    @Test
    void ctrlCEndsTheRecordingAndStillWritesTheFile() throws Exception {
        Path file = dir.resolve("interrupted.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process record = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "record", Integer.toString(pid), "--format", "collapsed", "-o", file.toString()).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(record.getErrorStream(), StandardCharsets.UTF_8));
        assertThat(err.readLine()).startsWith("Recording process " + pid);
        Thread.sleep(1500);
        new ProcessBuilder("kill", "-INT", Long.toString(record.pid())).start().waitFor();
        if (!record.waitFor(30, TimeUnit.SECONDS)) {
            // Say where it stands, for whoever meets this: its threads, and what it printed.
            Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(record.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String threads = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            record.destroyForcibly();
            String printed = new String(record.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            throw new AssertionError("record did not end within 30 s of SIGINT; it printed:\n" + printed
                    + "\nits threads:\n" + threads);
        }
        String rest = new String(record.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rest).contains("wrote " + file);
        assertThat(Files.readAllLines(file)).isNotEmpty().allMatch(l -> l.matches(".+ \\d+"));
    }

    @Test
    void topListsTheBusyFunctionsWithTheirShares() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new TopCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cli.execute(Integer.toString(pid), "--duration", "2.5", "--refresh", "1")).isZero();
        List<String> rows = out.toString().lines().filter(l -> l.matches("\\s*[\\d.]+% +[\\d.]+%  .*")).toList();
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("  hot (").contains("sampled_target.py"));
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("  outer ("));
        assertThat(out.toString()).doesNotContain("\033[").doesNotContain("napper");
    }

    @Test
    void badOptionsAndTargetsSayWhatIsWrong() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RecordCommand());
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(new ErrorReporter());
        assertThat(cli.execute(Integer.toString(pid), "--format", "svg")).isEqualTo(2);
        assertThat(err.toString()).contains("--format wants one of flamegraph, speedscope, collapsed, json, not svg");
        assertThat(cli.execute(Integer.toString(pid), "--rate", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("rate must be above 0");
        assertThat(cli.execute(Integer.toString(pid), "--mode", "idle")).isEqualTo(2);
        assertThat(err.toString()).contains("--mode wants one of wall, cpu, gil");
    }

    private int run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        assertThat(exit).as("%s: %s", String.join(" ", args), err).isZero();
        assertThat(err.toString()).contains("wrote ");
        return exit;
    }
}
