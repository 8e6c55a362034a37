package io.cognitivecdc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cognitive-cdc validate-config FILE}: exit 0 and a description, or exit 2 and every problem with its path. */
class ValidateConfigCommandTest {

    /** The same small ticket pipeline the run command's tests use. */
    private static final String VALID = RunCommandTest.PIPELINE;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int validate(String definition) throws IOException {
        Path file = Files.writeString(dir.resolve("pipeline.yaml"), definition);
        CommandLine commandLine = CognitiveCdc.commandLine();
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return commandLine.execute("validate-config", file.toString());
    }

    @Test
    void shouldDescribeAValidDefinition() throws IOException {
        assertThat(validate(VALID)).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("pipeline tickets: [cdc.public.tickets] -> cdc.enriched.tickets")
                .contains("step kind inputs text=raw.body")
                .contains("column kind (string) = processed.kind.category")
                .contains("pipeline.yaml: valid");
    }

    @Test
    void shouldListEveryProblemWithItsPathAndExitTwo() throws IOException {
        int exit = validate(VALID
                .replace("definition: A service is down or unreachable", "definitoin: A service is down")
                .replace("kind: processed.kind.category", "kind: processed.kinds.category"));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("pipeline.yaml: 3 problems")
                .contains("steps[0].taxonomy[1].definitoin: unknown setting")
                .contains("steps[0].taxonomy[1].definition: missing; it is required")
                .contains("columns.kind: reads processed.kinds, but there is no step named 'kinds'");
    }
}
