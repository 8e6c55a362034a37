package io.cognitivecdc.topology;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the asynchronous enrichment processor, read from the same map as the Kafka Streams settings (Kafka
 * Streams ignores keys it does not know). Invalid values fail with a ConfigException naming the key.
 */
public final class EnrichmentProcessorConfig extends AbstractConfig {

    public static final String MAX_IN_FLIGHT_CONFIG = "enrichment.max.in.flight";
    private static final String MAX_IN_FLIGHT_DOC = "Rows being enriched at once per stream task (model calls "
            + "in flight). The rest of the backlog waits in the state store, so this bound is also the memory bound.";

    public static final String PUNCTUATE_INTERVAL_MS_CONFIG = "enrichment.punctuate.interval.ms";
    private static final String PUNCTUATE_INTERVAL_MS_DOC = "While rows are pending, how often finished model calls "
            + "are applied to the state store and freed slots refilled from the pending backlog when no record "
            + "arrives (wall-clock time; records that arrive do it too). Keep it at or below poll.ms.";

    public static final String PENDING_SOFT_LIMIT_CONFIG = "enrichment.pending.soft.limit";
    private static final String PENDING_SOFT_LIMIT_DOC = "Pending rows per task above which intake slows down: each "
            + "new row then waits up to enrichment.intake.wait.ms for the backlog to shrink. Nothing is dropped.";

    public static final String INTAKE_WAIT_MS_CONFIG = "enrichment.intake.wait.ms";
    private static final String INTAKE_WAIT_MS_DOC = "Longest wait per new row while the backlog is over the soft "
            + "limit; keep it far below max.poll.interval.ms.";

    public static final String CACHE_MAX_ENTRIES_CONFIG = "enrichment.cache.max.entries";
    private static final String CACHE_MAX_ENTRIES_DOC = "Step outputs kept for reuse when the same step is asked the "
            + "same thing again (same prompt, model and inputs) for any row; 0 turns the cache off.";

    public static final String BACKOFF_INITIAL_MS_CONFIG = "enrichment.transient.backoff.initial.ms";
    private static final String BACKOFF_INITIAL_MS_DOC = "After a model call fails for a passing reason (rate limit, "
            + "outage, timeout), new calls pause this long; the pause doubles with each further failure.";

    public static final String BACKOFF_MAX_MS_CONFIG = "enrichment.transient.backoff.max.ms";
    private static final String BACKOFF_MAX_MS_DOC = "The longest pause after repeated passing failures.";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(MAX_IN_FLIGHT_CONFIG, Type.INT, 256, Range.between(1, 100_000), Importance.HIGH, MAX_IN_FLIGHT_DOC)
            .define(PUNCTUATE_INTERVAL_MS_CONFIG, Type.LONG, 5L, Range.between(1, 10_000), Importance.LOW,
                    PUNCTUATE_INTERVAL_MS_DOC)
            .define(PENDING_SOFT_LIMIT_CONFIG, Type.LONG, 1_000_000L, Range.atLeast(1), Importance.MEDIUM,
                    PENDING_SOFT_LIMIT_DOC)
            .define(INTAKE_WAIT_MS_CONFIG, Type.LONG, 50L, Range.between(0, 10_000), Importance.LOW, INTAKE_WAIT_MS_DOC)
            .define(CACHE_MAX_ENTRIES_CONFIG, Type.INT, 10_000, Range.between(0, 10_000_000), Importance.MEDIUM,
                    CACHE_MAX_ENTRIES_DOC)
            .define(BACKOFF_INITIAL_MS_CONFIG, Type.LONG, 500L, Range.between(1, 600_000), Importance.LOW,
                    BACKOFF_INITIAL_MS_DOC)
            .define(BACKOFF_MAX_MS_CONFIG, Type.LONG, 30_000L, Range.between(1, 3_600_000), Importance.LOW,
                    BACKOFF_MAX_MS_DOC);

    public EnrichmentProcessorConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
    }

    public int maxInFlight() {
        return getInt(MAX_IN_FLIGHT_CONFIG);
    }

    public Duration punctuateInterval() {
        return Duration.ofMillis(getLong(PUNCTUATE_INTERVAL_MS_CONFIG));
    }

    public long pendingSoftLimit() {
        return getLong(PENDING_SOFT_LIMIT_CONFIG);
    }

    public Duration intakeWait() {
        return Duration.ofMillis(getLong(INTAKE_WAIT_MS_CONFIG));
    }

    public int cacheMaxEntries() {
        return getInt(CACHE_MAX_ENTRIES_CONFIG);
    }

    public Duration backoffInitial() {
        return Duration.ofMillis(getLong(BACKOFF_INITIAL_MS_CONFIG));
    }

    public Duration backoffMax() {
        return Duration.ofMillis(getLong(BACKOFF_MAX_MS_CONFIG));
    }
}
