package io.cognitivecdc.llm.resilience;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.Durations;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.llm.LlmCallException.Kind;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link ChatModel} that calls its delegate through Resilience4j, configured per provider by
 * {@link ResilienceSettings}. Each attempt passes, in this order:
 *
 * <ol>
 *   <li><b>Retry</b> (outermost): every attempt passes all the gates below again, so a retried request gets its own
 *       permit and token charge (the provider counts it too) and is seen by the circuit breaker, and the backoff
 *       between attempts holds no place in the bulkhead. Passing provider failures (429, 5xx, timeouts, lost
 *       connections) are retried with exponential backoff and jitter, waiting at least the provider's
 *       {@code Retry-After}; failures caused by the input (content filter, bad request) and rejected credentials are
 *       not, and neither is a call rejected by a gate below (its wait already happened).
 *   <li><b>Circuit breaker</b>: before the bulkhead and the quota, so that an open circuit fails a call at once
 *       instead of queueing it for quota it will not use. It counts passing provider failures (5xx, timeouts, lost
 *       connections) and rejected credentials as failures; input failures count as successes (the provider
 *       answered); 429s and gate rejections are not counted (they say nothing of the provider's health). Open, it
 *       fails calls with a transient {@link Kind#CIRCUIT_OPEN} whose {@code retryAfter} is the time it stays open:
 *       the caller pauses rather than failing the row.
 *   <li><b>Bulkhead</b>: bounds the calls in this layer — waiting for quota or for an answer; a call waits up to
 *       {@link BulkheadSettings#maxWait()} for a place, then fails with a transient {@link Kind#RATE_LIMITED}.
 *   <li><b>Token budget</b>, then <b>rate limiter</b> (requests per minute), right before the call: any wait after a
 *       request permit would send the request later than the limiter counted it. The token charge is taken first
 *       but counts from the moment the request is sent ({@link TokenWindow}), so the wait for a request permit does
 *       not skew it. After the answer the charge is settled to the prompt tokens the provider reports; a 429 refunds
 *       it (the provider did not count the call), and holds every call of the provider for its {@code Retry-After}
 *       ({@code ProviderHold}), between the token budget and the rate limiter: a held call keeps its token charge
 *       reserved and takes its request permit only once it may be sent.
 * </ol>
 *
 * <p>Meters go to the {@link MeterRegistry} given (the global one by default): Resilience4j's tagged retry, circuit
 * breaker, rate limiter and bulkhead meters, named after the provider, and the token budget's ({@code TOKENS_*_METER},
 * tagged likewise). Circuit state changes are logged, at WARN when it opens; prompts never are. {@link #close()}
 * removes the meters and closes the delegate.
 */
public final class ResilientChatModel implements ChatModel {

    /** Gauge: tokens counted in the provider's current quota window, reserved ones included. */
    public static final String TOKENS_USED_METER = "cognitive_cdc_llm_token_budget_used_tokens";
    /** Gauge: tokens the quota window admits, the safety margin taken off. */
    public static final String TOKENS_LIMIT_METER = "cognitive_cdc_llm_token_budget_limit_tokens";
    /** Gauge: calls waiting for room in the token quota. */
    public static final String TOKENS_WAITING_METER = "cognitive_cdc_llm_token_budget_waiting_calls";
    /** Counter: tokens charged to the quota, after settlements and refunds. */
    public static final String TOKENS_CHARGED_METER = "cognitive_cdc_llm_token_budget_charged_tokens";

    private static final Logger LOG = LoggerFactory.getLogger(ResilientChatModel.class);

    private final String name;
    private final ChatModel delegate;
    private final ResilienceSettings settings;
    private final Clock clock;
    private final RetryRegistry retries = RetryRegistry.ofDefaults();
    private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
    private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
    private final RateLimiterRegistry rateLimiters = RateLimiterRegistry.ofDefaults();
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    /** Null without a requests-per-minute quota. */
    private final RateLimiter requestLimiter;
    /** Null without a tokens-per-minute quota. */
    private final TokenBudget tokenBudget;
    private final ProviderHold hold;
    private volatile Instant openUntil = Instant.MIN;

    /** Meters go to {@link Metrics#globalRegistry}. */
    public ResilientChatModel(String name, ChatModel delegate, ResilienceSettings settings) {
        this(name, delegate, settings, Metrics.globalRegistry);
    }

    /**
     * @param name          the provider's name in the pipeline definition: names the Resilience4j instances, tags
     *                      the meters, and appears in errors and logs
     * @param meterRegistry where the meters go
     */
    public ResilientChatModel(String name, ChatModel delegate, ResilienceSettings settings,
                              MeterRegistry meterRegistry) {
        this(name, delegate, settings, meterRegistry, Clock.systemUTC(), Duration.ofMinutes(1));
    }

    /**
     * @param clock       the circuit breaker's clock
     * @param quotaWindow the window of the request and token quotas: a minute, shorter in tests
     */
    ResilientChatModel(String name, ChatModel delegate, ResilienceSettings settings, MeterRegistry meterRegistry,
                       Clock clock, Duration quotaWindow) {
        this.name = Objects.requireNonNull(name, "name");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retry = retries.retry(name, retryConfig(settings.retry()));
        this.circuitBreaker = circuitBreakers.circuitBreaker(name,
                circuitBreakerConfig(settings.circuitBreaker(), clock));
        this.bulkhead = bulkheads.bulkhead(name, bulkheadConfig(settings.bulkhead()));
        this.requestLimiter = settings.requestsPerMinute() == 0 ? null : rateLimiters.rateLimiter(name,
                RequestQuota.config(settings.requestsPerMinute(), quotaWindow, settings.maxQuotaWait()));
        long tokens = settings.tokensPerMinute();
        // The requests' safety margin, for the same reason: tokens reach the provider a little after they are counted.
        this.tokenBudget = tokens == 0 ? null : new TokenBudget(name,
                tokens - (long) (tokens * RequestQuota.SAFETY_MARGIN), quotaWindow, System::nanoTime, meterRegistry);
        this.hold = new ProviderHold(name);
        circuitBreaker.getEventPublisher().onStateTransition(event -> onTransition(event.getStateTransition()));
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meterRegistry);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers).bindTo(meterRegistry);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meterRegistry);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(meterRegistry);
    }

    private static RetryConfig retryConfig(RetrySettings retry) {
        return RetryConfig.<ChatResponse>custom()
                .maxAttempts(retry.maxAttempts())
                .retryOnException(ResilientChatModel::isWorthRetrying)
                .intervalBiFunction(new RetryAfterBackoff(retry))
                .build();
    }

    private static CircuitBreakerConfig circuitBreakerConfig(CircuitBreakerSettings breaker, Clock clock) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRateThreshold())
                .slidingWindow(breaker.slidingWindow(), breaker.minimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .waitDurationInOpenState(breaker.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                .recordException(ResilientChatModel::isProviderFailure)
                .ignoreException(ResilientChatModel::saysNothingOfHealth)
                .clock(clock)
                .build();
    }

    private static BulkheadConfig bulkheadConfig(BulkheadSettings bulkhead) {
        return BulkheadConfig.custom()
                .maxConcurrentCalls(bulkhead.maxConcurrent() == 0 ? Integer.MAX_VALUE : bulkhead.maxConcurrent())
                .maxWaitDuration(bulkhead.maxWait())
                .build();
    }

    /** A passing failure of the provider: another attempt may succeed. */
    private static boolean isWorthRetrying(Throwable failure) {
        return failure instanceof LlmCallException call && call.isTransient() && !(failure instanceof LocalRejection);
    }

    /** A failure of the provider rather than of the input: passing failures, and credentials it rejects. */
    private static boolean isProviderFailure(Throwable failure) {
        return failure instanceof LlmCallException call
                && (call.isTransient() || call.kind() == Kind.AUTHENTICATION);
    }

    /**
     * A call the provider never judged (a gate here refused it), or refused for our rate rather than for its
     * health: a burst of 429s must not stop calls for the whole open-circuit wait when retries honouring
     * {@code Retry-After} already slow them down as much as the provider asks.
     */
    private static boolean saysNothingOfHealth(Throwable failure) {
        return failure instanceof LocalRejection
                || failure instanceof LlmCallException call && call.kind() == Kind.RATE_LIMITED;
    }

    /** The delegate's id: enriched rows name the real model. */
    @Override
    public String id() {
        return delegate.id();
    }

    /** The provider's name, as in the pipeline definition. */
    public String name() {
        return name;
    }

    /** The model this one calls. */
    public ChatModel delegate() {
        return delegate;
    }

    public ResilienceSettings settings() {
        return settings;
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        return retry.executeSupplier(() -> attempt(request));
    }

    private ChatResponse attempt(ChatRequest request) {
        try {
            return circuitBreaker.executeSupplier(() -> inBulkhead(request));
        } catch (CallNotPermittedException e) {
            throw circuitOpen();
        }
    }

    private ChatResponse inBulkhead(ChatRequest request) {
        try {
            return bulkhead.executeSupplier(() -> withinQuota(request));
        } catch (BulkheadFullException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw LocalRejection.interrupted(name, "a place in its bulkhead");
            }
            throw new LocalRejection(Kind.RATE_LIMITED, "provider '" + name + "': "
                    + settings.bulkhead().maxConcurrent() + " calls already under way and none finished within "
                    + Durations.format(settings.bulkhead().maxWait()) + " (resilience.bulkhead)", null);
        }
    }

    private ChatResponse withinQuota(ChatRequest request) {
        TokenWindow.Charge charge = tokenBudget == null ? null
                : tokenBudget.acquire(PromptTokens.estimate(request) + settings.maxOutputTokens(),
                settings.maxQuotaWait());
        try {
            hold.await(settings.maxQuotaWait());
            if (requestLimiter != null) {
                RequestQuota.acquire(requestLimiter, name);
            }
        } catch (RuntimeException e) {
            refund(charge);
            throw e;
        }
        if (charge != null) {
            tokenBudget.start(charge);
        }
        ChatResponse response;
        try {
            response = delegate.complete(request);
        } catch (LlmCallException e) {
            if (e.kind() == Kind.RATE_LIMITED) {
                refund(charge);
                e.retryAfter().ifPresent(hold::holdFor);
            }
            throw e;
        }
        long promptTokens = response.usage().promptTokens();
        if (charge != null && promptTokens > 0) {
            tokenBudget.settle(charge, promptTokens + settings.maxOutputTokens());
        }
        return response;
    }

    private void refund(TokenWindow.Charge charge) {
        if (charge != null) {
            tokenBudget.refund(charge);
        }
    }

    private LocalRejection circuitOpen() {
        Duration left = Duration.between(clock.instant(), openUntil);
        if (circuitBreaker.getState() == CircuitBreaker.State.OPEN && left.isPositive()) {
            return new LocalRejection(Kind.CIRCUIT_OPEN, "provider '" + name + "': circuit breaker open after too "
                    + "many failed calls; calls fail fast for another " + Durations.format(left), left);
        }
        return new LocalRejection(Kind.CIRCUIT_OPEN, "provider '" + name + "': circuit breaker "
                + circuitBreaker.getState() + ", its trial calls are under way", null);
    }

    private void onTransition(CircuitBreaker.StateTransition transition) {
        CircuitBreaker.State to = transition.getToState();
        if (to == CircuitBreaker.State.OPEN) {
            Duration wait = settings.circuitBreaker().waitInOpen();
            openUntil = clock.instant().plus(wait);
            CircuitBreaker.Metrics metrics = circuitBreaker.getMetrics();
            LOG.warn("Provider '{}': circuit breaker {} -> {}: {}% of the last {} calls failed; calls fail fast for {}",
                    name, transition.getFromState(), to,
                    String.format(Locale.ROOT, "%.0f", metrics.getFailureRate()), metrics.getNumberOfBufferedCalls(),
                    Durations.format(wait));
        } else {
            LOG.info("Provider '{}': circuit breaker {} -> {}", name, transition.getFromState(), to);
        }
    }

    /** Removes the meters and closes the delegate. */
    @Override
    public void close() {
        retries.remove(name);
        circuitBreakers.remove(name);
        bulkheads.remove(name);
        rateLimiters.remove(name);
        if (tokenBudget != null) {
            tokenBudget.close();
        }
        delegate.close();
    }

    @Override
    public String toString() {
        return "ResilientChatModel[" + name + " -> " + delegate.id() + ", " + settings + "]";
    }
}
