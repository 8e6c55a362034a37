package io.cognitivecdc.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsyncBenchmarkTest {

    @Test
    void defaultsAndQuick() {
        AsyncBenchmark.Options full = AsyncBenchmark.Options.parse();
        assertThat(full.quick()).isFalse();
        assertThat(full.cellSeconds()).isEqualTo(20.0);
        assertThat(full.pendingRows()).containsExactly(10_000, 1_000_000);
        AsyncBenchmark.Options quick = AsyncBenchmark.Options.parse("--quick");
        assertThat(quick.quick()).isTrue();
        assertThat(quick.pendingRows()).containsExactly(10_000);
        assertThat(AsyncBenchmark.Options.parse("--quick", "--cell-seconds", "3", "--pending-rows", "5, 7"))
                .isEqualTo(new AsyncBenchmark.Options(true, 3.0, List.of(5, 7)));
    }

    @Test
    void badOptions() {
        assertThatThrownBy(() -> AsyncBenchmark.Options.parse("--fast")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> AsyncBenchmark.Options.parse("--cell-seconds")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> AsyncBenchmark.Options.parse("--cell-seconds", "0")).hasMessageContaining("positive");
    }

    @Test
    void limitIsPerInstance() {
        // 256 in flight per task, 2 tasks, 1 step of 200 ms: 2,560 rows/s.
        assertThat(AsyncBenchmark.limit(256, 2, 1, Duration.ofMillis(200))).isEqualTo(2560.0);
        assertThat(AsyncBenchmark.limit(64, 2, 2, Duration.ofMillis(50))).isEqualTo(1280.0);
    }

    @Test
    void resultLine() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("limit_ratio", 0.9234);
        values.put("sync_speedup", 212.4);
        values.put("passthrough_ratio", null);
        values.put("pending_heap_mb", 41.56);
        assertThat(AsyncBenchmark.resultLine(values))
                .isEqualTo("RESULT limit_ratio=0.923 sync_speedup=212 passthrough_ratio=na pending_heap_mb=41.6");
    }
}
