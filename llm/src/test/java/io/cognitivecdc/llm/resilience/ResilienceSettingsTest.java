package io.cognitivecdc.llm.resilience;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResilienceSettingsTest {

    @Test
    void shouldDefaultToNoQuotaThreeAttemptsAndNoConcurrencyLimit() {
        ResilienceSettings defaults = ResilienceSettings.ofDefaults();

        assertThat(defaults.requestsPerMinute()).isZero();
        assertThat(defaults.tokensPerMinute()).isZero();
        assertThat(defaults.maxOutputTokens()).isZero();
        assertThat(defaults.retry().maxAttempts()).isEqualTo(3);
        assertThat(defaults.circuitBreaker().failureRateThreshold()).isEqualTo(50);
        assertThat(defaults.bulkhead().maxConcurrent()).isZero();
        assertThat(defaults).hasToString("resilience[requests_per_minute=unlimited, tokens_per_minute=unlimited, "
                + "max_output_tokens=0, max_quota_wait=1m, retry[max_attempts=3, initial_backoff=500ms, "
                + "max_backoff=30s, multiplier=2.0, jitter=0.5], circuit_breaker[failure_rate_threshold=50.0, "
                + "sliding_window=20, minimum_calls=10, wait_in_open=30s, half_open_calls=3], "
                + "bulkhead[max_concurrent=unlimited, max_wait=1m]]");
    }

    @Test
    void shouldSayWhatAValidValueIsWhenOneIsOutOfRange() {
        assertThatThrownBy(() -> ResilienceSettings.custom().requestsPerMinute(1))
                .hasMessage("must be 0 (no limit) or at least 2, was 1");
        assertThatThrownBy(() -> RetrySettings.custom().maxAttempts(0)).hasMessage("must be between 1 and 20, was 0");
        assertThatThrownBy(() -> RetrySettings.custom().jitter(1.5))
                .hasMessage("must be between 0.0 and 0.99, was 1.5");
        assertThatThrownBy(() -> CircuitBreakerSettings.custom().waitInOpen(Duration.ZERO))
                .hasMessage("must be longer than zero, was 0s");
        assertThatThrownBy(() -> BulkheadSettings.custom().maxWait(Duration.ofMillis(-1)))
                .hasMessage("must not be negative, was -1ms");
    }
}
