package io.cognitivecdc.llm.resilience;

import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.llm.LlmCallException.Kind;
import io.github.resilience4j.core.functions.Either;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterBackoffTest {

    private final RetryAfterBackoff backoff = new RetryAfterBackoff(RetrySettings.custom()
            .initialBackoff(Duration.ofSeconds(1)).multiplier(2).maxBackoff(Duration.ofSeconds(30)).jitter(0.5).build());

    @Test
    void shouldGrowExponentiallyWithinTheJitterUpToTheMaximum() {
        for (int i = 0; i < 100; i++) {
            assertThat(wait(1, Kind.SERVER_ERROR, null)).isBetween(500L, 1_500L);
            assertThat(wait(3, Kind.SERVER_ERROR, null)).isBetween(2_000L, 6_000L);
            assertThat(wait(10, Kind.SERVER_ERROR, null)).isLessThanOrEqualTo(30_000L);
        }
    }

    @Test
    void shouldWaitAtLeastWhatTheProviderAskedEvenBeyondTheMaximum() {
        assertThat(wait(1, Kind.RATE_LIMITED, Duration.ofSeconds(7))).isGreaterThanOrEqualTo(7_000L);
        assertThat(wait(10, Kind.RATE_LIMITED, Duration.ofSeconds(45))).isEqualTo(45_000L);
    }

    private long wait(int attempt, Kind kind, Duration retryAfter) {
        return backoff.apply(attempt, Either.<Throwable, ChatResponse>left(
                new LlmCallException(kind, "failed", 429, retryAfter, null)));
    }
}
