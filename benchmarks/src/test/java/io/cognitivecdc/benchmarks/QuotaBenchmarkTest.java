package io.cognitivecdc.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuotaBenchmarkTest {

    @Test
    void shouldMeasureThreeMinutesAfterAMinuteOfWarmUpUnlessQuick() {
        QuotaBenchmark.Options full = QuotaBenchmark.Options.parse();
        assertThat(full.minutes()).isEqualTo(3.0);
        assertThat(full.warmupSeconds()).isEqualTo(60.0);
        QuotaBenchmark.Options quick = QuotaBenchmark.Options.parse("--quick");
        assertThat(quick.minutes() * 60 + quick.warmupSeconds()).isEqualTo(30.0);
        assertThat(QuotaBenchmark.Options.parse("--minutes", "5", "--warmup-seconds", "30", "--rpm", "600", "--tpm",
                "90000")).isEqualTo(new QuotaBenchmark.Options(false, 5.0, 30.0, 600, 90_000));
        assertThatThrownBy(() -> QuotaBenchmark.Options.parse("--rpm", "1")).hasMessageContaining("--rpm");
        assertThatThrownBy(() -> QuotaBenchmark.Options.parse("--fast")).hasMessageContaining("unknown option");
    }

    @Test
    void shouldEnrichEveryRowWithoutProvokingRateLimitsInQuickMode() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        QuotaBenchmark.run(QuotaBenchmark.Options.parse("--quick"), new PrintStream(printed, true,
                StandardCharsets.UTF_8));

        String result = printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("RESULT "))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no RESULT line in\n"
                        + printed.toString(StandardCharsets.UTF_8)));
        Map<String, Double> values = Arrays.stream(result.substring("RESULT ".length()).split(" "))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> Double.parseDouble(pair[1])));
        assertThat(values).containsKeys("quota_ratio", "rate_429", "failed_rows");
        assertThat(values.get("rate_429")).as(result).isLessThanOrEqualTo(QuotaBenchmark.TARGET_RATE_429);
        // How much of the quota is used is the benchmark's to measure (docs/performance.md), not a test's.
        assertThat(values.get("quota_ratio")).as(result).isPositive();
        assertThat(values.get("failed_rows")).as(result).isZero();
    }
}
