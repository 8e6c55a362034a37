package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Random fault injection and the parameters of faults.
 *
 * @param rates      probability (0..1) per request of each fault; together at most 1 (one draw picks at most one)
 * @param attempts   faults (random and per-row) hit only attempts 1..attempts of a conversation, where attempt is 1 +
 *                   the number of assistant messages; 0 means every attempt. With 1, a corrective retry succeeds.
 * @param retryAfter what 429s ask clients to wait ({@code retry-after-ms}; {@code Retry-After} rounded up to seconds)
 * @param slowDelay  how long {@link Fault#SLOW} waits before answering
 */
public record FaultSettings(Map<Fault, Double> rates, int attempts, Duration retryAfter, Duration slowDelay) {

    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    public static final Duration DEFAULT_SLOW_DELAY = Duration.ofSeconds(120);

    public FaultSettings {
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(slowDelay, "slowDelay");
        EnumMap<Fault, Double> copy = new EnumMap<>(Fault.class);
        double total = 0;
        for (Map.Entry<Fault, Double> rate : rates.entrySet()) {
            double value = Objects.requireNonNull(rate.getValue(), "rate");
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("rate of " + rate.getKey().wireName() + " must be in [0, 1], got "
                        + value);
            }
            if (value > 0) {
                copy.put(rate.getKey(), value);
                total += value;
            }
        }
        if (total > 1.0 + 1e-9) {
            throw new IllegalArgumentException("fault rates add up to " + total + "; at most 1 is possible");
        }
        rates = Collections.unmodifiableMap(copy);
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be 0 (all) or positive, got " + attempts);
        }
        if (retryAfter.isNegative() || slowDelay.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** No random faults; per-row triggers still work. */
    public static FaultSettings none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.rates.putAll(rates);
        return builder.attempts(attempts).retryAfter(retryAfter).slowDelay(slowDelay);
    }

    /** The rate of one fault (0 when unset). */
    public double rate(Fault fault) {
        return rates.getOrDefault(fault, 0.0);
    }

    /** Whether a fault may hit this attempt of a conversation. */
    public boolean appliesToAttempt(int attempt) {
        return attempts == 0 || attempt <= attempts;
    }

    /** {@code {"rates":{"rate_limit":0.1},"attempts":0,"retry_after_ms":1000,"slow_delay_ms":120000}}. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        ObjectNode rateNode = node.putObject("rates");
        rates.forEach((fault, rate) -> rateNode.put(fault.wireName(), rate));
        node.put("attempts", attempts);
        node.put("retry_after_ms", retryAfter.toMillis());
        node.put("slow_delay_ms", slowDelay.toMillis());
        return node;
    }

    /**
     * Reads the JSON of {@link #toJson}; absent fields keep the values of {@code base}. {@code retry_after_seconds} is
     * accepted too.
     *
     * @throws IllegalArgumentException on unknown faults or bad values
     */
    public static FaultSettings fromJson(JsonNode json, FaultSettings base) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("fault settings must be a JSON object");
        }
        Builder builder = base.toBuilder();
        JsonNode rates = json.path("rates");
        if (rates.isObject()) {
            builder.clearRates();
            for (Map.Entry<String, JsonNode> field : rates.properties()) {
                if (!field.getValue().isNumber()) {
                    throw new IllegalArgumentException("rate of " + field.getKey() + " must be a number");
                }
                builder.rate(Fault.parse(field.getKey()), field.getValue().doubleValue());
            }
        }
        if (json.has("attempts")) {
            builder.attempts(json.get("attempts").asInt());
        }
        if (json.has("retry_after_ms")) {
            builder.retryAfter(Duration.ofMillis(json.get("retry_after_ms").asLong()));
        } else if (json.has("retry_after_seconds")) {
            builder.retryAfter(Duration.ofMillis(Math.round(json.get("retry_after_seconds").asDouble() * 1000)));
        }
        if (json.has("slow_delay_ms")) {
            builder.slowDelay(Duration.ofMillis(json.get("slow_delay_ms").asLong()));
        }
        return builder.build();
    }

    /** Builds {@link FaultSettings}: no rates, all attempts, 1 s retry-after, 120 s slow delay by default. */
    public static final class Builder {
        private final Map<Fault, Double> rates = new EnumMap<>(Fault.class);
        private int attempts;
        private Duration retryAfter = DEFAULT_RETRY_AFTER;
        private Duration slowDelay = DEFAULT_SLOW_DELAY;

        private Builder() {
        }

        /** Probability 0..1 that a request gets this fault. */
        public Builder rate(Fault fault, double rate) {
            rates.put(fault, rate);
            return this;
        }

        public Builder clearRates() {
            rates.clear();
            return this;
        }

        /** Only attempts 1..n of a conversation get faults; 0 = all. */
        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
            return this;
        }

        public Builder slowDelay(Duration slowDelay) {
            this.slowDelay = slowDelay;
            return this;
        }

        public FaultSettings build() {
            return new FaultSettings(rates, attempts, retryAfter, slowDelay);
        }
    }
}
