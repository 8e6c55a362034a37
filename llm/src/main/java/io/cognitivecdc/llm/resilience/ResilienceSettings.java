package io.cognitivecdc.llm.resilience;

import io.cognitivecdc.llm.Durations;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link ResilientChatModel} does around one provider's calls: its quota (requests and tokens per
 * minute), retries, circuit breaker and bulkhead. Immutable; build one with {@link #custom()}, or take
 * {@link #ofDefaults()}: no quota, 3 attempts, a circuit that opens at 50 % failures, no concurrency limit.
 *
 * <p>Tokens are counted the way Azure OpenAI counts them against a deployment's tokens-per-minute quota when a
 * request arrives: the prompt's tokens plus the answer tokens the request reserves ({@link #maxOutputTokens()}, the
 * request's {@code max_tokens}), whatever the answer's actual length.
 */
public final class ResilienceSettings {

    /** Longest wait for room in the request or token quota before a call fails with a passing error. */
    public static final Duration DEFAULT_MAX_QUOTA_WAIT = Duration.ofSeconds(60);

    private static final ResilienceSettings DEFAULTS = custom().build();

    private final int requestsPerMinute;
    private final long tokensPerMinute;
    private final long maxOutputTokens;
    private final Duration maxQuotaWait;
    private final RetrySettings retry;
    private final CircuitBreakerSettings circuitBreaker;
    private final BulkheadSettings bulkhead;

    private ResilienceSettings(Builder builder) {
        this.requestsPerMinute = builder.requestsPerMinute;
        this.tokensPerMinute = builder.tokensPerMinute;
        this.maxOutputTokens = builder.maxOutputTokens;
        this.maxQuotaWait = builder.maxQuotaWait;
        this.retry = builder.retry;
        this.circuitBreaker = builder.circuitBreaker;
        this.bulkhead = builder.bulkhead;
    }

    public static ResilienceSettings ofDefaults() {
        return DEFAULTS;
    }

    public static Builder custom() {
        return new Builder();
    }

    /** Requests the provider accepts in any sliding minute; 0 means no limit. */
    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    /** Tokens the provider accepts in any sliding minute; 0 means no limit. */
    public long tokensPerMinute() {
        return tokensPerMinute;
    }

    /**
     * Answer tokens each request is charged for besides its prompt: Azure charges a request's {@code max_tokens} at
     * once. 0 (the default) for providers that charge the prompt alone, such as the LLM simulator.
     */
    public long maxOutputTokens() {
        return maxOutputTokens;
    }

    /** The longest a call waits for room in the request or in the token quota. */
    public Duration maxQuotaWait() {
        return maxQuotaWait;
    }

    public RetrySettings retry() {
        return retry;
    }

    public CircuitBreakerSettings circuitBreaker() {
        return circuitBreaker;
    }

    public BulkheadSettings bulkhead() {
        return bulkhead;
    }

    @Override
    public String toString() {
        return "resilience[requests_per_minute=" + (requestsPerMinute == 0 ? "unlimited" : requestsPerMinute)
                + ", tokens_per_minute=" + (tokensPerMinute == 0 ? "unlimited" : tokensPerMinute)
                + ", max_output_tokens=" + maxOutputTokens + ", max_quota_wait=" + Durations.format(maxQuotaWait)
                + ", " + retry + ", " + circuitBreaker + ", " + bulkhead + "]";
    }

    /** Builds {@link ResilienceSettings}, starting from the defaults; each setter rejects a value out of range. */
    public static final class Builder {
        private int requestsPerMinute;
        private long tokensPerMinute;
        private long maxOutputTokens;
        private Duration maxQuotaWait = DEFAULT_MAX_QUOTA_WAIT;
        private RetrySettings retry = RetrySettings.ofDefaults();
        private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.ofDefaults();
        private BulkheadSettings bulkhead = BulkheadSettings.ofDefaults();

        private Builder() {
        }

        /**
         * 0 (no limit), or 2 to 10,000,000: a limiter that counts per period can keep any sliding minute within a
         * quota of one request only by never allowing one.
         */
        public Builder requestsPerMinute(int requests) {
            if (requests == 1) {
                throw new IllegalArgumentException("must be 0 (no limit) or at least 2, was 1");
            }
            this.requestsPerMinute = (int) Check.between(requests, 0, 10_000_000);
            return this;
        }

        /** 0 (no limit) to 1,000,000,000. */
        public Builder tokensPerMinute(long tokens) {
            this.tokensPerMinute = Check.between(tokens, 0, 1_000_000_000);
            return this;
        }

        /** 0 to 1,000,000. */
        public Builder maxOutputTokens(long tokens) {
            this.maxOutputTokens = Check.between(tokens, 0, 1_000_000);
            return this;
        }

        /** Longer than zero. */
        public Builder maxQuotaWait(Duration wait) {
            this.maxQuotaWait = Check.positive(wait);
            return this;
        }

        public Builder retry(RetrySettings retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        public Builder circuitBreaker(CircuitBreakerSettings circuitBreaker) {
            this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
            return this;
        }

        public Builder bulkhead(BulkheadSettings bulkhead) {
            this.bulkhead = Objects.requireNonNull(bulkhead, "bulkhead");
            return this;
        }

        public ResilienceSettings build() {
            return new ResilienceSettings(this);
        }
    }
}
