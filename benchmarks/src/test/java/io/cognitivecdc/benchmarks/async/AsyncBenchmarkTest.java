package io.cognitivecdc.benchmarks.async;

import io.cognitivecdc.pipeline.Pipeline;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsyncBenchmarkTest {

    @Test
    void quickRunsShorterCellsAndOnlyTenThousandPendingRows() {
        AsyncOptions full = AsyncOptions.parse();
        assertThat(full.quick()).isFalse();
        assertThat(full.cellSeconds()).isEqualTo(20.0);
        assertThat(full.pendingRows()).containsExactly(10_000, 1_000_000);
        AsyncOptions quick = AsyncOptions.parse("--quick");
        assertThat(quick.quick()).isTrue();
        assertThat(quick.cellSeconds()).isEqualTo(8.0);
        assertThat(quick.pendingRows()).containsExactly(10_000);
        assertThat(AsyncOptions.parse("--quick", "--cell-seconds", "3", "--pending-rows", "5, 7"))
                .isEqualTo(new AsyncOptions(true, 3.0, List.of(5, 7), Set.copyOf(AsyncOptions.GROUPS)));
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> AsyncOptions.parse("--fast")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> AsyncOptions.parse("--cell-seconds")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> AsyncOptions.parse("--cell-seconds", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> AsyncOptions.parse("--only", "p3")).hasMessageContaining("unknown cell group");
    }

    @Test
    void shouldRunOnlyTheNamedCellGroups() {
        AsyncOptions p2 = AsyncOptions.parse("--only", "p2, pending");
        assertThat(p2.runs("p2")).isTrue();
        assertThat(p2.runs("pending")).isTrue();
        assertThat(p2.runs("p1")).isFalse();
        assertThat(AsyncOptions.parse().runs("update")).isTrue();
    }

    @Test
    void theLimitIsPerInstance() {
        // 256 in flight per task, 2 tasks, 1 step of 200 ms: 2,560 rows/s.
        assertThat(ThroughputCells.Spec.limit(256, 2, 1, Duration.ofMillis(200))).isEqualTo(2560.0);
        assertThat(ThroughputCells.Spec.limit(64, 2, 2, Duration.ofMillis(50))).isEqualTo(1280.0);
        assertThat(new ThroughputCells.Spec("zero", 1, 256, Duration.ZERO, 10, 1).limit()).isNaN();
    }

    @Test
    void theResultLineKeepsTheOrderAndPrintsMissingValuesAsNa() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("limit_ratio", 0.9234);
        values.put("passthrough_ratio", null);
        values.put("sync_speedup", 212.4);
        values.put("pending_heap_mb", 41.56);
        assertThat(AsyncReport.resultLine(values))
                .isEqualTo("RESULT limit_ratio=0.923 passthrough_ratio=na sync_speedup=212 pending_heap_mb=41.6");
    }

    @Test
    void theBenchmarkPipelineReadsWithEitherModel() {
        BenchBroker.Topics topics = new BenchBroker.Topics("in", "out");
        try (InProcessModel model = InProcessModel.answering();
             Pipeline pipeline = BenchPipeline.read(topics, model, 1)) {
            assertThat(pipeline.steps()).hasSize(1);
        }
        try (SimulatedModel model = new SimulatedModel(Duration.ZERO);
             Pipeline pipeline = BenchPipeline.read(topics, model, 2)) {
            assertThat(pipeline.steps()).hasSize(2);
        }
    }

    @Test
    void aQuickRunPrintsTheTableAndEndsWithTheResultLine() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = AsyncBenchmark.run(AsyncOptions.parse("--quick"), new PrintStream(printed, true,
                StandardCharsets.UTF_8));

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(exit).isZero();
        assertThat(lines).anyMatch(l -> l.startsWith("| P1 throughput ") && l.contains("| simulator "))
                .anyMatch(l -> l.startsWith("| P1 sync baseline "))
                .anyMatch(l -> l.startsWith("| P2 zero latency ") && l.contains("| in-process "))
                .anyMatch(l -> l.startsWith("| P2 pass-through "))
                .anyMatch(l -> l.startsWith("| P2 ceiling: durable state "))
                .anyMatch(l -> l.startsWith("| P1 ceiling: model path, no Kafka "))
                .anyMatch(l -> l.startsWith("| pending (model stalled) "))
                .noneMatch(l -> l.contains("FAILED"));
        // Numbers only: how fast is the benchmark's to measure (docs/performance.md), not a test's.
        assertThat(lines.getLast()).matches("RESULT limit_ratio=\\d+\\.?\\d* passthrough_ratio=\\d+\\.?\\d* "
                + "sync_speedup=\\d+\\.?\\d* pending_heap_mb=\\d+\\.?\\d* p1_ceiling_ratio=\\d+\\.?\\d* "
                + "limit_of_ceiling=\\d+\\.?\\d* p2_ceiling_passthrough_ratio=\\d+\\.?\\d* "
                + "passthrough_of_ceiling=\\d+\\.?\\d*");
    }
}
