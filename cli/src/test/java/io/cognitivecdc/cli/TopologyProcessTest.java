package io.cognitivecdc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The child-process harness on its own (no stack): a {@code run} that exits at once makes a wait fail at once, with
 * the child's output; and the real process exits 2 for a wrong setting.
 */
class TopologyProcessTest {

    @TempDir
    Path dir;

    @Test
    void shouldFailAWaitAtOnceWithTheOutputWhenTheChildExits() throws IOException {
        Files.writeString(dir.resolve("pipeline.yaml"), RunCommandTest.PIPELINE);
        Path config = Files.writeString(dir.resolve("run.properties"), RunCommandTest.SETTINGS);

        try (TopologyProcess topology = TopologyProcess.start(config, Map.of())) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> topology.awaitRunning(Duration.ofMinutes(5)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the topology process exited with code 2 while waiting for output "
                            + "containing 'Running: application.id='")
                    .hasMessageContaining("sasl.jaas.config refers to ${env:KAFKA_PASSWORD}");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMinutes(1));
            assertThat(topology.waitFor(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(topology.outputFile()).startsWith(dir);
        }
    }
}
