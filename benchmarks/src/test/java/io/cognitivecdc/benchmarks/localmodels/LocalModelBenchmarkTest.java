package io.cognitivecdc.benchmarks.localmodels;

import io.cognitivecdc.llm.local.LocalChatModelFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalModelBenchmarkTest {

    @Test
    void optionsDefaultToAThousandRowsAndTwoThreads() {
        assertThat(LocalModelOptions.parse()).isEqualTo(new LocalModelOptions(1000, 2,
                LocalChatModelFactory.BUNDLED_VISIT_TYPE_EXAMPLES, 120));
        assertThat(LocalModelOptions.parse("--quick").rows()).isEqualTo(200);
        assertThat(LocalModelOptions.parse("--rows", "50", "--threads", "4", "--max-length", "80",
                "--examples", "/tmp/x.csv")).isEqualTo(new LocalModelOptions(50, 4, "/tmp/x.csv", 80));
    }

    @Test
    void badOptionsExplainTheUsage() {
        assertThatThrownBy(() -> LocalModelOptions.parse("--rows", "0"))
                .hasMessageContaining("--rows needs a whole number > 0").hasMessageContaining("usage:");
        assertThatThrownBy(() -> LocalModelOptions.parse("--rows")).hasMessageContaining("--rows needs a value");
        assertThatThrownBy(() -> LocalModelOptions.parse("--fast")).hasMessageContaining("unknown option --fast");
    }

    @Test
    void aSmallRunPrintsTheTableAndEndsWithOneResultLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        int exit = LocalModelBenchmark.run(new LocalModelOptions(40, 2,
                LocalChatModelFactory.BUNDLED_VISIT_TYPE_EXAMPLES, 120), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(exit).isZero();
        assertThat(lines).anyMatch(line -> line.startsWith("classify, examples, sentence kNN"))
                .anyMatch(line -> line.startsWith("classify, definitions only"))
                .anyMatch(line -> line.startsWith("summarize"))
                .anyMatch(line -> line.startsWith("resident memory"));
        assertThat(lines.stream().filter(line -> line.startsWith("RESULT "))).hasSize(1);
        assertThat(lines.getLast()).matches("RESULT classify_rows_per_s=\\d+\\.\\d summarize_rows_per_s=\\d+\\.\\d "
                + "accuracy_knn=[01]\\.\\d{3} accuracy_definitions=[01]\\.\\d{3} rss_mb=\\d+ heap_mb=\\d+");
    }
}
