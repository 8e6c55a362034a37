package io.cognitivecdc.llm.resilience;

import io.cognitivecdc.llm.Durations;

import java.time.Duration;

/**
 * When calls to a provider stop being made for a while: once at least {@link #minimumCalls()} of the last
 * {@link #slidingWindow()} calls were recorded and {@link #failureRateThreshold()} percent of them failed, the circuit
 * opens and calls fail at once, without reaching the provider, for {@link #waitInOpen()}; then
 * {@link #halfOpenCalls()} trial calls decide whether it closes again or stays open. Immutable; build one with
 * {@link #custom()}.
 */
public final class CircuitBreakerSettings {

    public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50;
    public static final int DEFAULT_SLIDING_WINDOW = 20;
    public static final int DEFAULT_MINIMUM_CALLS = 10;
    public static final Duration DEFAULT_WAIT_IN_OPEN = Duration.ofSeconds(30);
    public static final int DEFAULT_HALF_OPEN_CALLS = 3;

    private static final CircuitBreakerSettings DEFAULTS = custom().build();

    private final float failureRateThreshold;
    private final int slidingWindow;
    private final int minimumCalls;
    private final Duration waitInOpen;
    private final int halfOpenCalls;

    private CircuitBreakerSettings(Builder builder) {
        this.failureRateThreshold = builder.failureRateThreshold;
        this.slidingWindow = builder.slidingWindow;
        this.minimumCalls = builder.minimumCalls;
        this.waitInOpen = builder.waitInOpen;
        this.halfOpenCalls = builder.halfOpenCalls;
    }

    /** Opens at 50 % failures of the last 20 calls (at least 10 of them), for 30 s; 3 trial calls. */
    public static CircuitBreakerSettings ofDefaults() {
        return DEFAULTS;
    }

    public static Builder custom() {
        return new Builder();
    }

    /** Percentage of failed calls that opens the circuit. */
    public float failureRateThreshold() {
        return failureRateThreshold;
    }

    /** How many of the latest calls the failure rate is computed over. */
    public int slidingWindow() {
        return slidingWindow;
    }

    /** Calls needed before the failure rate counts; above {@link #slidingWindow()} it acts as the window size. */
    public int minimumCalls() {
        return minimumCalls;
    }

    /** How long an open circuit stays open before trial calls. */
    public Duration waitInOpen() {
        return waitInOpen;
    }

    /** Trial calls in the half-open state. */
    public int halfOpenCalls() {
        return halfOpenCalls;
    }

    @Override
    public String toString() {
        return "circuit_breaker[failure_rate_threshold=" + failureRateThreshold + ", sliding_window=" + slidingWindow
                + ", minimum_calls=" + minimumCalls + ", wait_in_open=" + Durations.format(waitInOpen)
                + ", half_open_calls=" + halfOpenCalls + "]";
    }

    /** Builds {@link CircuitBreakerSettings}, starting from the defaults; each setter rejects a value out of range. */
    public static final class Builder {
        private float failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;
        private int slidingWindow = DEFAULT_SLIDING_WINDOW;
        private int minimumCalls = DEFAULT_MINIMUM_CALLS;
        private Duration waitInOpen = DEFAULT_WAIT_IN_OPEN;
        private int halfOpenCalls = DEFAULT_HALF_OPEN_CALLS;

        private Builder() {
        }

        /** 1 to 100 (percent). */
        public Builder failureRateThreshold(double percent) {
            this.failureRateThreshold = (float) Check.between(percent, 1.0, 100.0);
            return this;
        }

        /** 1 to 10,000 calls. */
        public Builder slidingWindow(int calls) {
            this.slidingWindow = (int) Check.between(calls, 1, 10_000);
            return this;
        }

        /** 1 to 10,000 calls. */
        public Builder minimumCalls(int calls) {
            this.minimumCalls = (int) Check.between(calls, 1, 10_000);
            return this;
        }

        /** Longer than zero. */
        public Builder waitInOpen(Duration wait) {
            this.waitInOpen = Check.positive(wait);
            return this;
        }

        /** 1 to 1,000 calls. */
        public Builder halfOpenCalls(int calls) {
            this.halfOpenCalls = (int) Check.between(calls, 1, 1_000);
            return this;
        }

        public CircuitBreakerSettings build() {
            return new CircuitBreakerSettings(this);
        }
    }
}
