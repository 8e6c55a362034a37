package io.cognitivecdc.pipeline.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.llm.FakeChatModel;
import io.cognitivecdc.llm.resilience.ResilienceSettings;
import io.cognitivecdc.llm.resilience.ResilientChatModel;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.TestPipelines;
import io.cognitivecdc.settings.Problem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code resilience} section of a provider entry. */
class ResilienceDefinitionTest {

    private final FakeChatModel model = new FakeChatModel();

    private static String withResilience(String section) {
        return TestPipelines.VISITS.replace("model: { type: fake }",
                "model:\n    type: fake\n    resilience:\n" + section.indent(6));
    }

    @Test
    void shouldWrapEveryProviderWithTheDefaultsWhenTheSectionIsAbsent() {
        try (Pipeline pipeline = TestPipelines.visits(model)) {
            assertThat(pipeline.models().get("model")).isInstanceOfSatisfying(ResilientChatModel.class, resilient -> {
                assertThat(resilient.name()).isEqualTo("model");
                assertThat(resilient.settings()).isSameAs(ResilienceSettings.ofDefaults());
            });
        }
    }

    @Test
    void shouldReadQuotaRetryCircuitBreakerAndBulkhead() {
        String definition = withResilience("""
                requests_per_minute: 600
                tokens_per_minute: 90000
                max_output_tokens: 200
                max_quota_wait: 2m
                retry: { max_attempts: 4, initial_backoff: 1s, max_backoff: 30s, multiplier: 1.5, jitter: 0.2 }
                circuit_breaker: { failure_rate_threshold: 60, sliding_window: 40, minimum_calls: 10, wait_in_open: 45s,
                                   half_open_calls: 2 }
                bulkhead: { max_concurrent: 64, max_wait: 500ms }
                """);

        try (Pipeline pipeline = TestPipelines.reader(model).read(definition, "p.yaml")) {
            ResilienceSettings settings = ((ResilientChatModel) pipeline.models().get("model")).settings();
            assertThat(settings.requestsPerMinute()).isEqualTo(600);
            assertThat(settings.tokensPerMinute()).isEqualTo(90_000);
            assertThat(settings.maxOutputTokens()).isEqualTo(200);
            assertThat(settings.maxQuotaWait()).isEqualTo(Duration.ofMinutes(2));
            assertThat(settings.retry().maxAttempts()).isEqualTo(4);
            assertThat(settings.retry().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
            assertThat(settings.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
            assertThat(settings.retry().multiplier()).isEqualTo(1.5);
            assertThat(settings.retry().jitter()).isEqualTo(0.2);
            assertThat(settings.circuitBreaker().failureRateThreshold()).isEqualTo(60);
            assertThat(settings.circuitBreaker().slidingWindow()).isEqualTo(40);
            assertThat(settings.circuitBreaker().minimumCalls()).isEqualTo(10);
            assertThat(settings.circuitBreaker().waitInOpen()).isEqualTo(Duration.ofSeconds(45));
            assertThat(settings.circuitBreaker().halfOpenCalls()).isEqualTo(2);
            assertThat(settings.bulkhead().maxConcurrent()).isEqualTo(64);
            assertThat(settings.bulkhead().maxWait()).isEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void shouldKeepTheDefaultsOfWhatASectionLeavesOut() {
        try (Pipeline pipeline = TestPipelines.reader(model).read(withResilience("retry: { max_attempts: 1 }"),
                "p.yaml")) {
            ResilienceSettings settings = ((ResilientChatModel) pipeline.models().get("model")).settings();
            assertThat(settings.retry().maxAttempts()).isEqualTo(1);
            assertThat(settings.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
            assertThat(settings.requestsPerMinute()).isZero();
        }
    }

    @Test
    void shouldReportEveryProblemWithItsPathAndWhatAValidValueIs() {
        String definition = withResilience("""
                requests_per_minute: 1
                tokens_per_minute: lots
                max_quota_wait: soon
                retries: 3
                retry: { max_attempts: 0, jitter: 1.5 }
                circuit_breaker: { failure_rate_threshold: 50%, wait_in_open: 0s }
                bulkhead: 64
                """);

        assertThat(problems(definition)).extracting(Problem::toString).containsExactlyInAnyOrder(
                "providers.model.resilience.retries: unknown setting; known settings here are [bulkhead, "
                        + "circuit_breaker, max_output_tokens, max_quota_wait, requests_per_minute, retry, "
                        + "tokens_per_minute]",
                "providers.model.resilience.requests_per_minute: must be 0 (no limit) or at least 2, was 1",
                "providers.model.resilience.tokens_per_minute: must be a whole number, was 'lots'",
                "providers.model.resilience.max_quota_wait: 'soon' is not a duration; write e.g. 30s, 500ms, 2m, 1h30m "
                        + "or PT30S",
                "providers.model.resilience.retry.max_attempts: must be between 1 and 20, was 0",
                "providers.model.resilience.retry.jitter: must be between 0.0 and 0.99, was 1.5",
                "providers.model.resilience.circuit_breaker.failure_rate_threshold: must be a number, was '50%'",
                "providers.model.resilience.circuit_breaker.wait_in_open: must be longer than zero, was 0s",
                "providers.model.resilience.bulkhead: must be a mapping with [max_concurrent, max_wait], "
                        + "was integer 64");
    }

    @Test
    void shouldCheckTheSectionOfAProviderNoStepUses() {
        String definition = TestPipelines.VISITS.replace("model: { type: fake }",
                "model: { type: fake }\n  spare: { type: fake, resilience: { retry: { max_attempts: many } } }");

        assertThat(problems(definition)).extracting(Problem::toString).containsExactly(
                "providers.spare.resilience.retry.max_attempts: must be a whole number, was 'many'");
    }

    private List<Problem> problems(String definition) {
        return TestPipelines.problems(model, definition);
    }
}
