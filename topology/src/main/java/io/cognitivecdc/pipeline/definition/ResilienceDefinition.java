package io.cognitivecdc.pipeline.definition;

import io.cognitivecdc.llm.Durations;
import io.cognitivecdc.llm.resilience.BulkheadSettings;
import io.cognitivecdc.llm.resilience.CircuitBreakerSettings;
import io.cognitivecdc.llm.resilience.ResilienceSettings;
import io.cognitivecdc.llm.resilience.RetrySettings;
import io.cognitivecdc.settings.Problems;
import io.cognitivecdc.settings.Settings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;

/**
 * The {@code resilience} section of a provider entry, read into {@link ResilienceSettings}; absent, the defaults.
 * Every problem is reported with its path, e.g. {@code providers.azure.resilience.retry.max_attempts: must be between
 * 1 and 20, was 0}; the builders' checks say what a valid value is.
 *
 * <pre>
 * resilience:
 *   requests_per_minute: 600
 *   tokens_per_minute: 90000
 *   max_output_tokens: 0
 *   max_quota_wait: 60s
 *   retry: { max_attempts: 4, initial_backoff: 1s, max_backoff: 30s, multiplier: 2, jitter: 0.5 }
 *   circuit_breaker: { failure_rate_threshold: 50, sliding_window: 20, minimum_calls: 10, wait_in_open: 30s,
 *                      half_open_calls: 3 }
 *   bulkhead: { max_concurrent: 64, max_wait: 60s }
 * </pre>
 */
final class ResilienceDefinition {

    static final String KEY = "resilience";

    private ResilienceDefinition() {
    }

    static ResilienceSettings read(String path, Object value, Problems problems) {
        Section section = Section.of(path, value, problems, "requests_per_minute", "tokens_per_minute",
                "max_output_tokens", "max_quota_wait", "retry", "circuit_breaker", "bulkhead");
        if (section == null) {
            return ResilienceSettings.ofDefaults();
        }
        ResilienceSettings.Builder builder = ResilienceSettings.custom();
        section.whole("requests_per_minute", builder::requestsPerMinute);
        section.whole("tokens_per_minute", builder::tokensPerMinute);
        section.whole("max_output_tokens", builder::maxOutputTokens);
        section.duration("max_quota_wait", builder::maxQuotaWait);
        Section retry = section.section("retry", "max_attempts", "initial_backoff", "max_backoff", "multiplier",
                "jitter");
        if (retry != null) {
            RetrySettings.Builder settings = RetrySettings.custom();
            retry.whole("max_attempts", settings::maxAttempts);
            retry.duration("initial_backoff", settings::initialBackoff);
            retry.duration("max_backoff", settings::maxBackoff);
            retry.number("multiplier", settings::multiplier);
            retry.number("jitter", settings::jitter);
            builder.retry(settings.build());
        }
        Section breaker = section.section("circuit_breaker", "failure_rate_threshold", "sliding_window",
                "minimum_calls", "wait_in_open", "half_open_calls");
        if (breaker != null) {
            CircuitBreakerSettings.Builder settings = CircuitBreakerSettings.custom();
            breaker.number("failure_rate_threshold", settings::failureRateThreshold);
            breaker.whole("sliding_window", settings::slidingWindow);
            breaker.whole("minimum_calls", settings::minimumCalls);
            breaker.duration("wait_in_open", settings::waitInOpen);
            breaker.whole("half_open_calls", settings::halfOpenCalls);
            builder.circuitBreaker(settings.build());
        }
        Section bulkhead = section.section("bulkhead", "max_concurrent", "max_wait");
        if (bulkhead != null) {
            BulkheadSettings.Builder settings = BulkheadSettings.custom();
            bulkhead.whole("max_concurrent", settings::maxConcurrent);
            bulkhead.duration("max_wait", settings::maxWait);
            builder.bulkhead(settings.build());
        }
        return builder.build();
    }

    /** One mapping of the section: hands each value to a builder setter, and reports what either rejects. */
    private record Section(String path, Map<?, ?> values, Problems problems) {

        /** The mapping at {@code path}, its unknown keys reported; null when absent or not a mapping. */
        static Section of(String path, Object value, Problems problems, String... keys) {
            if (value == null) {
                return null;
            }
            Set<String> known = Set.of(keys);
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(path, "must be a mapping with " + new TreeSet<>(known) + ", was "
                        + Settings.describe(value));
                return null;
            }
            Map<String, Object> entries = new LinkedHashMap<>();
            map.forEach((key, entry) -> entries.put(String.valueOf(key), entry));
            new Settings(path, entries, problems).rejectUnknown(known);
            return new Section(path, entries, problems);
        }

        Section section(String key, String... keys) {
            return of(path + "." + key, values.get(key), problems, keys);
        }

        void whole(String key, IntConsumer setter) {
            Object value = values.get(key);
            if (value == null) {
                return;
            }
            if (!(value instanceof Integer whole)) {
                problems.add(path + "." + key, value instanceof Long ? "too large, was " + value
                        : "must be a whole number, was " + Settings.describe(value));
                return;
            }
            set(key, () -> setter.accept(whole));
        }

        void number(String key, DoubleConsumer setter) {
            Object value = values.get(key);
            if (value == null) {
                return;
            }
            if (!(value instanceof Number number)) {
                problems.add(path + "." + key, "must be a number, was " + Settings.describe(value));
                return;
            }
            set(key, () -> setter.accept(number.doubleValue()));
        }

        void duration(String key, Consumer<Duration> setter) {
            Object value = values.get(key);
            if (value == null) {
                return;
            }
            set(key, () -> setter.accept(Durations.parse(value)));
        }

        private void set(String key, Runnable assignment) {
            try {
                assignment.run();
            } catch (IllegalArgumentException e) {
                problems.add(path + "." + key, e.getMessage());
            }
        }
    }
}
