package io.cognitivecdc.llm.resilience;

import io.cognitivecdc.llm.Durations;

import java.time.Duration;

/**
 * How many calls to one provider may be under way at once — waiting for quota or waiting for the answer. A call
 * beyond that waits up to {@link #maxWait()} for a place, then fails with a passing error (the row waits and is
 * asked again). Immutable; build one with {@link #custom()}.
 */
public final class BulkheadSettings {

    /** No limit of its own: the enrichment processor already bounds the calls in flight per task. */
    public static final int DEFAULT_MAX_CONCURRENT = 0;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

    private static final BulkheadSettings DEFAULTS = custom().build();

    private final int maxConcurrent;
    private final Duration maxWait;

    private BulkheadSettings(Builder builder) {
        this.maxConcurrent = builder.maxConcurrent;
        this.maxWait = builder.maxWait;
    }

    /** No limit on concurrent calls; 60 s of waiting once one is set. */
    public static BulkheadSettings ofDefaults() {
        return DEFAULTS;
    }

    public static Builder custom() {
        return new Builder();
    }

    /** Calls under way at once; 0 means no limit. */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** The longest a call waits for a place before it fails with a passing error. */
    public Duration maxWait() {
        return maxWait;
    }

    @Override
    public String toString() {
        return "bulkhead[max_concurrent=" + (maxConcurrent == 0 ? "unlimited" : maxConcurrent) + ", max_wait="
                + Durations.format(maxWait) + "]";
    }

    /** Builds {@link BulkheadSettings}, starting from the defaults; each setter rejects a value out of range. */
    public static final class Builder {
        private int maxConcurrent = DEFAULT_MAX_CONCURRENT;
        private Duration maxWait = DEFAULT_MAX_WAIT;

        private Builder() {
        }

        /** 0 (no limit) to 100,000. */
        public Builder maxConcurrent(int calls) {
            this.maxConcurrent = (int) Check.between(calls, 0, 100_000);
            return this;
        }

        /** Zero (fail at once when full) or longer. */
        public Builder maxWait(Duration wait) {
            this.maxWait = Check.notNegative(wait);
            return this;
        }

        public BulkheadSettings build() {
            return new BulkheadSettings(this);
        }
    }
}
