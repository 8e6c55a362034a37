package io.cognitivecdc.llmsimulator;

import java.util.Objects;

/**
 * How an {@link LlmSimulator} behaves.
 *
 * @param host      interface to bind; 127.0.0.1 by default
 * @param port      port to bind; 0 picks a free one in 20000–31999 (below Linux's ephemeral range, so it cannot
 *                  collide with the OS's outgoing connections a moment later), retrying on bind failure
 * @param apiKey    the key clients must send as {@code api-key} (or {@code Authorization: Bearer …})
 * @param model     the model name the answers report, like Azure's {@code gpt-4o-mini-2024-07-18}
 * @param latency   think time before each answer
 * @param faults    random faults and fault parameters (changeable later with {@link LlmSimulator#setFaults})
 * @param quota     requests/tokens per minute, beyond which 429s come back
 * @param seed      seeds the random generator behind latency and random faults: the same sequence of requests
 *                  gets the same delays and faults
 */
public record SimulatorConfig(String host, int port, String apiKey, String model, LatencyModel latency,
                              FaultSettings faults, QuotaSettings quota, long seed) {

    public static final String DEFAULT_API_KEY = "simulator-key";
    public static final String DEFAULT_MODEL = "gpt-4o-mini-2024-07-18";

    public SimulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(quota, "quota");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
    }

    /** Defaults: 127.0.0.1, free port, key {@value #DEFAULT_API_KEY}, no latency, no faults, no quota, seed 42. */
    public static SimulatorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SimulatorConfig}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String apiKey = DEFAULT_API_KEY;
        private String model = DEFAULT_MODEL;
        private LatencyModel latency = LatencyModel.none();
        private FaultSettings faults = FaultSettings.none();
        private QuotaSettings quota = QuotaSettings.unlimited();
        private long seed = 42;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder latency(LatencyModel latency) {
            this.latency = latency;
            return this;
        }

        public Builder faults(FaultSettings faults) {
            this.faults = faults;
            return this;
        }

        public Builder quota(QuotaSettings quota) {
            this.quota = quota;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(host, port, apiKey, model, latency, faults, quota, seed);
        }
    }
}
