package io.cognitivecdc.llmsimulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Latency distributions and their command-line syntax. */
class LatencyModelTest {

    @Test
    void specs_parse_into_distributions() {
        assertThat(LatencyModel.parse("200ms")).isEqualTo(LatencyModel.fixed(Duration.ofMillis(200)));
        assertThat(LatencyModel.parse("none")).isEqualTo(LatencyModel.none());
        assertThat(LatencyModel.parse("uniform:100ms-1.5s"))
                .isEqualTo(LatencyModel.uniform(Duration.ofMillis(100), Duration.ofMillis(1500)));
        assertThat(LatencyModel.parse("lognormal:400ms,3s"))
                .isEqualTo(LatencyModel.logNormal(Duration.ofMillis(400), Duration.ofSeconds(3)));
        assertThatThrownBy(() -> LatencyModel.parse("gaussian:1s")).hasMessageContaining("unknown latency");
    }

    @Test
    void uniform_stays_within_its_bounds() {
        LatencyModel uniform = LatencyModel.uniform(Duration.ofMillis(100), Duration.ofMillis(200));
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(uniform.sample(random)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        }
    }

    @Test
    void log_normal_has_the_requested_median_and_p99() {
        LatencyModel model = LatencyModel.logNormal(Duration.ofMillis(400), Duration.ofSeconds(3));
        Random random = new Random(5);
        long[] samples = new long[20_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = model.sample(random).toMillis();
        }
        Arrays.sort(samples);

        assertThat(samples[samples.length / 2]).isBetween(370L, 430L);
        assertThat(samples[(int) (samples.length * 0.99)]).isBetween(2500L, 3500L);
        assertThat(samples[samples.length - 1]).isLessThanOrEqualTo(9000L);
    }
}
