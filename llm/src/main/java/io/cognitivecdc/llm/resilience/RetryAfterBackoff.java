package io.cognitivecdc.llm.resilience;

import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.LlmCallException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;

import java.time.Duration;

/**
 * The wait before the next attempt: exponential backoff with jitter, but never shorter than what the failed attempt's
 * provider asked for ({@code Retry-After}, {@code retry-after-ms}) — retrying sooner only earns another refusal.
 */
final class RetryAfterBackoff implements IntervalBiFunction<ChatResponse> {

    private final IntervalFunction backoff;

    RetryAfterBackoff(RetrySettings settings) {
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), settings.multiplier(),
                settings.jitter(), settings.maxBackoff());
    }

    /** Milliseconds to wait after failed attempt number {@code attempt} (1 for the first). */
    @Override
    public Long apply(Integer attempt, Either<Throwable, ChatResponse> outcome) {
        long millis = backoff.apply(attempt);
        if (outcome.isLeft() && outcome.getLeft() instanceof LlmCallException failure) {
            millis = Math.max(millis, failure.retryAfter().map(Duration::toMillis).orElse(0L));
        }
        return millis;
    }
}
