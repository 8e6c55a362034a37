package io.cognitivecdc.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * What an operator asks of one replay: which dead letters, whether to publish them, and how long to wait.
 *
 * @param filter       which dead letters to replay
 * @param limit        at most this many, the oldest first; 0 for no limit
 * @param dryRun       list what would be replayed and publish nothing
 * @param timeout      how long to wait for the topology's outcomes
 * @param kafkaTimeout how long Kafka gets to answer each request
 */
public record ReplayOptions(ReplayFilter filter, int limit, boolean dryRun, Duration timeout, Duration kafkaTimeout) {

    // The replay command's defaults, for callers that leave them unset.
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DEFAULT_KAFKA_TIMEOUT = Duration.ofSeconds(30);

    /** @throws IllegalArgumentException if {@code limit} is negative */
    public ReplayOptions {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(kafkaTimeout, "kafkaTimeout");
        if (limit < 0) {
            throw new IllegalArgumentException("the limit is 0 (none) or more, not " + limit);
        }
    }

    /** Options as the command line gives them: no filter, no limit, publishing, the default timeouts. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects the options in the operator's terms (time bounds that may be "how long ago", a limit that may be
     * absent) and checks them together on {@link #build()}.
     */
    public static final class Builder {

        private Collection<String> steps = Set.of();
        private Collection<String> errorTypes = Set.of();
        private TimeBound since;
        private TimeBound until;
        private KeyMatcher key;
        private Integer limit;
        private boolean dryRun;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration kafkaTimeout = DEFAULT_KAFKA_TIMEOUT;
        private Instant now;

        private Builder() {
        }

        /** Only dead letters of these steps; empty for any. */
        public Builder steps(Collection<String> steps) {
            this.steps = steps;
            return this;
        }

        /** Only dead letters with these error types, in any case; empty for any. */
        public Builder errorTypes(Collection<String> errorTypes) {
            this.errorTypes = errorTypes;
            return this;
        }

        /** Only dead letters that failed at or after this; null for no lower bound. */
        public Builder since(TimeBound since) {
            this.since = since;
            return this;
        }

        /** Only dead letters that failed before this; null for no upper bound. */
        public Builder until(TimeBound until) {
            this.until = until;
            return this;
        }

        /** Only this row's dead letters; null for every row. */
        public Builder key(KeyMatcher key) {
            this.key = key;
            return this;
        }

        /** At most this many dead letters, 1 or more; null for no limit. */
        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        /** Whether to list what would be replayed and publish nothing. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** How long to wait for the outcomes. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** How long Kafka gets to answer each request. */
        public Builder kafkaTimeout(Duration kafkaTimeout) {
            this.kafkaTimeout = kafkaTimeout;
            return this;
        }

        /** The instant that "how long ago" counts back from; the time {@link #build()} is called by default. */
        public Builder now(Instant now) {
            this.now = now;
            return this;
        }

        /**
         * The options, with the time bounds resolved.
         *
         * @throws IllegalArgumentException naming the option, if the limit is below 1 or {@code since} is not
         *                                  before {@code until}
         */
        public ReplayOptions build() {
            if (limit != null && limit < 1) {
                throw new IllegalArgumentException("--limit must be 1 or more, not " + limit);
            }
            // Milliseconds, as dead letters record their time.
            Instant start = now != null ? now : Instant.now().truncatedTo(ChronoUnit.MILLIS);
            ReplayFilter filter = new ReplayFilter(Set.copyOf(steps), Set.copyOf(errorTypes),
                    since == null ? null : since.resolve(start), until == null ? null : until.resolve(start), key);
            return new ReplayOptions(filter, limit == null ? 0 : limit, dryRun, timeout, kafkaTimeout);
        }
    }
}
