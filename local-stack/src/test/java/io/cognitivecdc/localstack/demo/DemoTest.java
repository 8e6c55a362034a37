package io.cognitivecdc.localstack.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo as a user runs it with --exit-when-done: its own stack, sample rows, live changes, one RESULT line. */
class DemoTest {

    @Test
    void shouldReportEveryRowEnrichedAndLiveChangesApplied() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

        int exit = new Demo(new DemoOptions(60, null, null, 2, 4, 2, true, Duration.ofMinutes(3)), out).run();

        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(exit).isZero();
        assertThat(output.lines().filter(line -> line.startsWith("RESULT ")).toList())
                .singleElement()
                .satisfies(result -> assertThat(result)
                        .startsWith("RESULT enriched=60 updated=4 deleted=2 elapsed_s=")
                        .containsPattern("startup_s=\\d+\\.\\d ")
                        .containsPattern("rss_mb=\\d+"));
    }
}
