package io.cognitivecdc.llm.resilience;

import io.cognitivecdc.llm.Durations;

import java.time.Duration;

/**
 * How a call that failed for a passing reason (rate limit, server error, timeout, lost connection) is tried again:
 * up to {@link #maxAttempts()} attempts in all, waiting {@code initialBackoff × multiplier^(n-1)} after the n-th,
 * spread by ±{@link #jitter()} of itself and capped at {@link #maxBackoff()} — and never less than the provider's
 * {@code Retry-After}. Immutable; build one with {@link #custom()}.
 */
public final class RetrySettings {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final double DEFAULT_JITTER = 0.5;

    private static final RetrySettings DEFAULTS = custom().build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double multiplier;
    private final double jitter;

    private RetrySettings(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.multiplier = builder.multiplier;
        this.jitter = builder.jitter;
    }

    /** 3 attempts, backoff 500 ms doubling up to 30 s, jitter ±50 %. */
    public static RetrySettings ofDefaults() {
        return DEFAULTS;
    }

    public static Builder custom() {
        return new Builder();
    }

    /** Attempts in all, the first included: 1 means no retries. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The longest backoff; a provider's {@code Retry-After} may still ask for longer, and is honoured. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    public double multiplier() {
        return multiplier;
    }

    /** Each backoff is drawn from {@code backoff × (1 ± jitter)}, so that callers failing together do not retry together. */
    public double jitter() {
        return jitter;
    }

    @Override
    public String toString() {
        return "retry[max_attempts=" + maxAttempts + ", initial_backoff=" + Durations.format(initialBackoff)
                + ", max_backoff=" + Durations.format(maxBackoff) + ", multiplier=" + multiplier + ", jitter=" + jitter
                + "]";
    }

    /** Builds {@link RetrySettings}, starting from the defaults; each setter rejects a value out of range. */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private double multiplier = DEFAULT_MULTIPLIER;
        private double jitter = DEFAULT_JITTER;

        private Builder() {
        }

        /** 1 to 20. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = (int) Check.between(maxAttempts, 1, 20);
            return this;
        }

        /** Longer than zero. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = Check.positive(initialBackoff);
            return this;
        }

        /** Longer than zero; a value below the initial backoff caps every backoff, the first included. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = Check.positive(maxBackoff);
            return this;
        }

        /** 1 (constant backoff) to 10. */
        public Builder multiplier(double multiplier) {
            this.multiplier = Check.between(multiplier, 1.0, 10.0);
            return this;
        }

        /** 0 (none) to 0.99. */
        public Builder jitter(double jitter) {
            this.jitter = Check.between(jitter, 0.0, 0.99);
            return this;
        }

        public RetrySettings build() {
            return new RetrySettings(this);
        }
    }
}
