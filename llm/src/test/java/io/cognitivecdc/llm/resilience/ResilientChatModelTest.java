package io.cognitivecdc.llm.resilience;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.llm.LlmCallException.Kind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.cognitivecdc.llm.resilience.ScriptedModel.answer;
import static io.cognitivecdc.llm.resilience.ScriptedModel.failure;
import static io.cognitivecdc.llm.resilience.ScriptedModel.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResilientChatModelTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final RetrySettings QUICK_RETRIES = RetrySettings.custom()
            .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).jitter(0).build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScriptedModel provider = new ScriptedModel();
    private final MutableClock clock = new MutableClock(T0);
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private ResilientChatModel model;

    @AfterEach
    void close() {
        callers.shutdownNow();
        if (model != null) {
            model.close();
        }
    }

    private ResilientChatModel model(ResilienceSettings settings) {
        return model(settings, Duration.ofMinutes(1));
    }

    private ResilientChatModel model(ResilienceSettings settings, Duration quotaWindow) {
        model = new ResilientChatModel("azure", provider, settings, meters, clock, quotaWindow);
        return model;
    }

    @Test
    void shouldHonourRetryAfterBeforeRetrying() {
        provider.then(failure(Kind.RATE_LIMITED, Duration.ofMillis(300)), answer(100));
        model(ResilienceSettings.custom().retry(QUICK_RETRIES).build());

        model.complete(request(400));

        List<Long> calls = provider.callNanos();
        assertThat(calls).hasSize(2);
        assertThat(Duration.ofNanos(calls.get(1) - calls.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void shouldHoldEveryCallOfTheProviderUntilTheRetryAfterOfARateLimitPassed() {
        provider.then(failure(Kind.RATE_LIMITED, Duration.ofMillis(300)), answer(100));
        model(ResilienceSettings.custom().retry(RetrySettings.custom().maxAttempts(1).build()).build());
        assertThatThrownBy(() -> model.complete(request(400))).isInstanceOf(LlmCallException.class);

        model.complete(request(400));

        List<Long> calls = provider.callNanos();
        assertThat(Duration.ofNanos(calls.get(1) - calls.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void shouldFailWithAPassingErrorWhenTheProviderAsksForALongerWaitThanTheQuotaWait() {
        provider.then(failure(Kind.RATE_LIMITED, Duration.ofSeconds(30)), answer(100));
        model(ResilienceSettings.custom().maxQuotaWait(Duration.ofSeconds(5))
                .retry(RetrySettings.custom().maxAttempts(1).build()).build());
        assertThatThrownBy(() -> model.complete(request(400))).isInstanceOf(LlmCallException.class);

        assertThatThrownBy(() -> model.complete(request(400)))
                .isInstanceOfSatisfying(LlmCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValueSatisfying(wait ->
                            assertThat(wait).isGreaterThan(Duration.ofSeconds(5)));
                });
        assertThat(provider.calls()).isEqualTo(1);
    }

    @Test
    void shouldRetryPassingFailuresUntilOneAttemptSucceeds() {
        provider.then(failure(Kind.SERVER_ERROR), failure(Kind.TIMEOUT), answer(100));
        model(ResilienceSettings.custom().retry(QUICK_RETRIES).build());

        ChatResponse response = model.complete(request(400));

        assertThat(response.content()).isEqualTo("{\"text\":\"ok\"}");
        assertThat(provider.calls()).isEqualTo(3);
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptWithThePassingFailure() {
        provider.then(failure(Kind.CONNECTION));
        model(ResilienceSettings.custom().retry(RetrySettings.custom().maxAttempts(2)
                .initialBackoff(Duration.ofMillis(1)).build()).build());

        assertThatThrownBy(() -> model.complete(request(400)))
                .isInstanceOfSatisfying(LlmCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONNECTION));
        assertThat(provider.calls()).isEqualTo(2);
    }

    @Test
    void shouldNotRetryContentFilterRefusal() {
        provider.then(failure(Kind.CONTENT_FILTER));
        model(ResilienceSettings.custom().retry(QUICK_RETRIES).build());

        assertThatThrownBy(() -> model.complete(request(400)))
                .isInstanceOfSatisfying(LlmCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTER));
        assertThat(provider.calls()).isEqualTo(1);
    }

    @Test
    void shouldNotCountRefusalsOfTheInputAsCircuitFailures() {
        provider.then(failure(Kind.CONTENT_FILTER));
        model(ResilienceSettings.custom().circuitBreaker(CircuitBreakerSettings.custom()
                .slidingWindow(4).minimumCalls(4).build()).build());

        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> model.complete(request(400))).isInstanceOf(LlmCallException.class);
        }

        assertThat(provider.calls()).as("every call reached the provider").isEqualTo(8);
        assertThat(circuitState("closed")).isEqualTo(1);
        assertThat(meters.get("resilience4j.circuitbreaker.calls").tag("kind", "failed").timer().count()).isZero();
    }

    @Test
    void shouldNotOpenTheCircuitOnRateLimitsWhichRetriesAlreadyHonour() {
        provider.then(failure(Kind.RATE_LIMITED));
        model(ResilienceSettings.custom().retry(RetrySettings.custom().maxAttempts(1).build())
                .circuitBreaker(CircuitBreakerSettings.custom().slidingWindow(4).minimumCalls(4).build()).build());

        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> model.complete(request(400)))
                    .isInstanceOfSatisfying(LlmCallException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED));
        }

        assertThat(provider.calls()).isEqualTo(8);
        assertThat(circuitState("closed")).isEqualTo(1);
    }

    @Test
    void shouldFailFastWithTransientErrorWhenCircuitOpen() {
        provider.then(failure(Kind.SERVER_ERROR));
        model(ResilienceSettings.custom().retry(RetrySettings.custom().maxAttempts(1).build())
                .circuitBreaker(CircuitBreakerSettings.custom().slidingWindow(4).minimumCalls(4)
                        .failureRateThreshold(50).waitInOpen(Duration.ofSeconds(30)).build()).build());
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> model.complete(request(400))).isInstanceOf(LlmCallException.class);
        }
        clock.advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> model.complete(request(400)))
                .isInstanceOfSatisfying(LlmCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CIRCUIT_OPEN);
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(20));
                });
        assertThat(provider.calls()).as("the open circuit did not call the provider").isEqualTo(4);
    }

    @Test
    void shouldCloseTheCircuitAgainWhenTrialCallsSucceedAfterTheWait() {
        provider.then(failure(Kind.SERVER_ERROR), failure(Kind.SERVER_ERROR), answer(100));
        model(ResilienceSettings.custom().retry(RetrySettings.custom().maxAttempts(1).build())
                .circuitBreaker(CircuitBreakerSettings.custom().slidingWindow(2).minimumCalls(2).halfOpenCalls(1)
                        .waitInOpen(Duration.ofSeconds(30)).build()).build());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> model.complete(request(400))).isInstanceOf(LlmCallException.class);
        }
        assertThat(circuitState("open")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        model.complete(request(400));

        assertThat(circuitState("closed")).isEqualTo(1);
    }

    @Test
    void shouldLogAWarningWhenTheCircuitOpensAndNeverThePrompt() {
        Logger logger = (Logger) LoggerFactory.getLogger(ResilientChatModel.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            provider.then(failure(Kind.SERVER_ERROR));
            model(ResilienceSettings.custom().retry(RetrySettings.custom().maxAttempts(1).build())
                    .circuitBreaker(CircuitBreakerSettings.custom().slidingWindow(2).minimumCalls(2).build()).build());
            ChatRequest secret = request(400);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> model.complete(secret)).isInstanceOf(LlmCallException.class);
            }

            assertThat(lines.list).singleElement().satisfies(line -> {
                assertThat(line.getLevel()).isEqualTo(Level.WARN);
                assertThat(line.getFormattedMessage())
                        .startsWith("Provider 'azure': circuit breaker CLOSED -> OPEN: 100% of the last 2 calls failed")
                        .doesNotContain(secret.messages().get(1).content());
            });
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void shouldSettleTokenBudgetWithActualUsage() {
        provider.then(answer(700));
        model(ResilienceSettings.custom().tokensPerMinute(100_000).maxOutputTokens(50).build());

        model.complete(request(4000));

        assertThat(tokensUsed()).as("the reported 700 prompt tokens plus the 50 reserved for the answer, "
                + "not the estimated 1,009 + 50").isEqualTo(750);
        assertThat(meters.get(TokenBudget.LIMIT).gauge().value()).isEqualTo(98_000);
    }

    @Test
    void shouldRefundTheTokensOfARequestTheProviderRateLimited() {
        provider.then(failure(Kind.RATE_LIMITED));
        model(ResilienceSettings.custom().tokensPerMinute(100_000)
                .retry(RetrySettings.custom().maxAttempts(1).build()).build());

        assertThatThrownBy(() -> model.complete(request(4000))).isInstanceOf(LlmCallException.class);

        assertThat(tokensUsed()).isZero();
    }

    @Test
    void shouldKeepTheTokensOfAFailedRequestTheProviderMayHaveCounted() {
        provider.then(failure(Kind.SERVER_ERROR));
        model(ResilienceSettings.custom().tokensPerMinute(100_000)
                .retry(RetrySettings.custom().maxAttempts(1).build()).build());

        assertThatThrownBy(() -> model.complete(request(4000))).isInstanceOf(LlmCallException.class);

        assertThat(tokensUsed()).isEqualTo(PromptTokens.estimate(request(4000)));
    }

    @Test
    void shouldWaitForTheTokensOfEarlierCallsToLeaveTheWindow() {
        // Room for one request of about 1,000 tokens per 300 ms window.
        provider.then(answer(1009));
        model(ResilienceSettings.custom().tokensPerMinute(1_500).build(), Duration.ofMillis(300));

        model.complete(request(4000));
        model.complete(request(4000));

        // The window counts from the moment the first call was sent, a moment before it reached the provider.
        List<Long> calls = provider.callNanos();
        assertThat(Duration.ofNanos(calls.get(1) - calls.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void shouldFailWithAPassingErrorWhenTheQuotaHasNoRoomInTime() {
        provider.then(answer(1009));
        model(ResilienceSettings.custom().tokensPerMinute(1_500).maxQuotaWait(Duration.ofMillis(50)).build());
        model.complete(request(4000));

        assertThatThrownBy(() -> model.complete(request(4000)))
                .isInstanceOfSatisfying(LlmCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.retryAfter()).hasValueSatisfying(wait ->
                            assertThat(wait).isGreaterThan(Duration.ofSeconds(50)));
                    assertThat(e).hasMessageContaining("tokens-per-minute quota");
                });
        assertThat(provider.calls()).isEqualTo(1);
    }

    @Test
    void shouldFailARequestThatCanNeverFitTheTokenQuotaForGood() {
        model(ResilienceSettings.custom().tokensPerMinute(500).build());

        assertThatThrownBy(() -> model.complete(request(4000)))
                .isInstanceOfSatisfying(LlmCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
                    assertThat(e.isTransient()).isFalse();
                });
        assertThat(provider.calls()).isZero();
    }

    @Test
    void shouldFailWithAPassingErrorWhenTheRequestQuotaHasNoRoomInTime() {
        model(ResilienceSettings.custom().requestsPerMinute(2).maxQuotaWait(Duration.ofMillis(50)).build());
        model.complete(request(400));

        assertThatThrownBy(() -> model.complete(request(400)))
                .isInstanceOfSatisfying(LlmCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e).hasMessageContaining("requests-per-minute quota");
                });
        assertThat(provider.calls()).isEqualTo(1);
    }

    @Test
    void shouldLetACallWaitForAPlaceInTheBulkheadRatherThanRejectIt() throws Exception {
        CountDownLatch secondCallerStarted = new CountDownLatch(1);
        CompletableFuture<ChatResponse> first = firstCallHoldingTheOnlyPlaceUntil(secondCallerStarted,
                Duration.ofSeconds(30));

        CompletableFuture<ChatResponse> second = CompletableFuture.supplyAsync(() -> {
            secondCallerStarted.countDown();
            return model.complete(request(400));
        }, callers);

        assertThat(first.get(20, TimeUnit.SECONDS)).isNotNull();
        assertThat(second.get(20, TimeUnit.SECONDS)).isNotNull();
        assertThat(provider.maxRunning()).isEqualTo(1);
    }

    @Test
    void shouldFailWithAPassingErrorWhenTheBulkheadStaysFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<ChatResponse> first = firstCallHoldingTheOnlyPlaceUntil(release, Duration.ofMillis(20));
        awaitRunning();

        try {
            assertThatThrownBy(() -> model.complete(request(400)))
                    .isInstanceOfSatisfying(LlmCallException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e).hasMessageContaining("bulkhead");
                    });
        } finally {
            release.countDown();
        }
        assertThat(first.get(20, TimeUnit.SECONDS)).isNotNull();
        assertThat(provider.calls()).isEqualTo(1);
    }

    @Test
    void shouldNameMetersAfterTheProviderAndRemoveThemOnClose() {
        model(ResilienceSettings.custom().requestsPerMinute(600).tokensPerMinute(90_000).build());
        model.complete(request(400));

        assertThat(meters.get("resilience4j.retry.calls").tag("name", "azure").tag("kind", "successful_without_retry")
                .functionCounter().count()).isEqualTo(1);
        assertThat(meters.get("resilience4j.bulkhead.available.concurrent.calls").tag("name", "azure").gauge())
                .isNotNull();
        assertThat(meters.get("resilience4j.ratelimiter.available.permissions").tag("name", "azure").gauge())
                .isNotNull();
        assertThat(meters.get(TokenBudget.CHARGED).tag("name", "azure").functionCounter().count()).isEqualTo(100);

        model.close();
        model = null;

        assertThat(meters.getMeters()).isEmpty();
    }

    @Test
    void shouldNameTheRealModel() {
        assertThat(model(ResilienceSettings.ofDefaults()).id()).isEqualTo("scripted/model");
    }

    /** A bulkhead of one place, and a first call that holds it until {@code release} opens. */
    private CompletableFuture<ChatResponse> firstCallHoldingTheOnlyPlaceUntil(CountDownLatch release,
                                                                              Duration maxWait) {
        provider.then(request -> {
            await(release);
            return answer(100).apply(request);
        }, answer(100));
        model(ResilienceSettings.custom().bulkhead(BulkheadSettings.custom().maxConcurrent(1).maxWait(maxWait)
                .build()).build());
        return CompletableFuture.supplyAsync(() -> model.complete(request(400)), callers);
    }

    private double circuitState(String state) {
        return meters.get("resilience4j.circuitbreaker.state").tag("state", state).gauge().value();
    }

    private double tokensUsed() {
        return meters.get(TokenBudget.USED).tag("name", "azure").gauge().value();
    }

    private void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (provider.calls() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clock that tests move by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
