package dev.pyprobe.reader.python.resolve;

import dev.pyprobe.reader.testing.SuitePythons;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.pyprobe.reader.python.CodeLocation;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Resolution against real interpreters: the code objects found are the ones the target itself names. */
class CodeResolverTest {
    static Stream<String> interpreters() {
        return SuitePythons.installed().stream();
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void findsEveryKindOfFunctionAndLines(String python) throws Exception {
        Path script = dir.resolve("resolve_target.py");
        Files.copy(getClass().getResourceAsStream("/resolve/resolve_target.py"), script);
        Process p = new ProcessBuilder(python, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(line).startsWith("READY ");
            JsonObject own = new Gson().fromJson(line.substring(6), JsonObject.class);
            try (PythonTarget target = PythonTargets.attach((int) SuitePythons.targetPid(p, python))) {
                for (String qualified : List.of("top_level", "Shop.total", "Shop.helper", "Shop.build",
                        "Shop.Inner.deep", "outer.<locals>.inner_fn")) {
                    List<CodeLocation> found = target.findFunction("__main__:" + qualified);
                    assertThat(found).as(qualified).hasSize(1);
                    assertThat(found.get(0).codeAddress()).as(qualified).isEqualTo(own.get(qualified).getAsLong());
                    assertThat(found.get(0).file()).isEqualTo(script.toString());
                }
                assertThat(target.findFunction("inner_fn")).extracting(CodeLocation::codeAddress)
                        .containsExactly(own.get("outer.<locals>.inner_fn").getAsLong());
                // A bare name matches methods too, here and in any other module that has one.
                assertThat(target.findFunction("total")).extracting(CodeLocation::codeAddress)
                        .contains(own.get("Shop.total").getAsLong());
                assertThat(target.findFunction("__main__:no_such_function")).isEmpty();
                assertThat(target.findFunction("no_such_module:top_level")).isEmpty();

                int bodyLine = own.get("total_first_line").getAsInt() + 1;
                List<CodeLocation> atLine = target.findLine("resolve_target.py", bodyLine);
                assertThat(atLine).hasSize(1);
                assertThat(atLine.get(0).codeAddress()).isEqualTo(own.get("Shop.total").getAsLong());
                assertThat(atLine.get(0).instructionAddress()
                        - target.findFunction("__main__:Shop.total").get(0).instructionAddress())
                        .isEqualTo(own.get("total_body_offset").getAsLong());
                assertThat(target.findLine("resolve_target.py", 100_000)).isEmpty();
            }
        } finally {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
