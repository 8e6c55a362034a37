package io.cognitivecdc.topology;

import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.deadletter.DeadLetterHandlers;
import io.cognitivecdc.deadletter.DeadLetterTopics;
import io.cognitivecdc.pipeline.Pipeline;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of the enrichment topology: owns the {@link KafkaStreams} client and the serdes.
 *
 * <p>Start more instances with the same {@code application.id} to scale out. Close before the broker goes away,
 * and in a {@code finally}: Kafka's threads keep the JVM alive otherwise.
 */
public final class EnrichmentApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichmentApplication.class);

    /** How long {@link #close()} waits for Kafka Streams to shut down. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<KafkaStreams.State> DEAD_STATES = EnumSet.of(
            KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING,
            KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.ERROR);

    private final Pipeline pipeline;
    private final EnrichmentSerdes serdes;
    private final StreamsConfig config;
    private final KafkaStreams streams;
    private final Object stateChanged = new Object();

    /**
     * An instance running {@code pipeline} with the given serdes; it takes ownership of the serdes and closes them on
     * {@link #close(Duration)}. The pipeline (and its models) stays the caller's.
     *
     * @param streamsConfig Kafka Streams settings; at least {@code bootstrap.servers} and {@code application.id}.
     *                      They override {@link #defaultStreamsConfig()}. The processor's settings
     *                      ({@link EnrichmentProcessorConfig}) and the dead-letter topics ({@link DeadLetterConfig})
     *                      are read from the same map. The error handlers are always the dead-letter ones.
     * @param failures      is told of every row that cannot be enriched, besides the dead-letter topic
     */
    public EnrichmentApplication(Pipeline pipeline, EnrichmentSerdes serdes, Map<String, ?> streamsConfig,
                                 EnrichmentFailureHandler failures) {
        this.pipeline = pipeline;
        this.serdes = serdes;
        Map<String, Object> settings = streamsConfig(streamsConfig);
        settings.putAll(DeadLetterHandlers.streamsConfig(serdes.deadLetter().serializer()));
        Topology topology = EnrichmentTopology.build(pipeline, serdes, failures, settings);
        LOG.info("Enrichment topology for {}:\n{}", pipeline.describe(), topology.describe());
        this.config = new StreamsConfig(settings);
        this.streams = new KafkaStreams(topology, config);
        streams.setStateListener((newState, oldState) -> {
            LOG.info("Kafka Streams state {} -> {}", oldState, newState);
            synchronized (stateChanged) {
                stateChanged.notifyAll();
            }
        });
    }

    /**
     * Settings applied unless the caller overrides them: exactly-once (the state write, the output and the input
     * offset are one transaction), a 100 ms commit interval (exactly-once output is invisible to the sink until
     * committed), a 10 ms poll (an idle stream thread blocks in poll that long; finished model calls are applied and
     * their slots refilled between polls, so Kafka's 100 ms would leave slots empty for up to 100 ms), and the
     * processing exception handler enabled for global state as Kafka 5.0 will do by default.
     */
    public static Map<String, Object> defaultStreamsConfig() {
        return Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100,
                StreamsConfig.POLL_MS_CONFIG, 10,
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    }

    /** {@link #defaultStreamsConfig()} overridden by {@code overrides}. */
    public static Map<String, Object> streamsConfig(Map<String, ?> overrides) {
        Map<String, Object> merged = new HashMap<>(defaultStreamsConfig());
        merged.putAll(overrides);
        return merged;
    }

    /**
     * Creates the dead-letter and replay topics if missing (unless {@value DeadLetterConfig#CREATE_TOPICS_CONFIG} is
     * off), warms up the enriched-row serde, then starts processing. The warm-up writes and reads one row through the
     * registry, registering the schema and paying the first serialisation's cost (1–2.5 s) before the first real
     * record; it also fails fast if the registry is unreachable.
     *
     * @throws IllegalStateException if already started, or the topics cannot be created
     */
    public void start() {
        DeadLetterConfig deadLetters = new DeadLetterConfig(config.originals());
        if (deadLetters.createTopics()) {
            try (Admin admin = Admin.create(config.getAdminConfigs("cognitive-cdc-topics"))) {
                DeadLetterTopics.ensure(admin, deadLetters, pipeline.sourceTopics());
            }
        }
        warmUp();
        streams.start();
    }

    private void warmUp() {
        long started = System.nanoTime();
        Schema schema = EnrichedRowSchema.of(pipeline);
        GenericRecord sample = new GenericData.Record(schema);
        sample.put("enriched_by", "warm-up");
        sample.put("source_table", "warm.up");
        sample.put("source_ts_ms", 0L);
        sample.put("enriched_at_ms", 0L);
        String topic = pipeline.enrichedTopic();
        byte[] bytes = serdes.enrichedRow().serializer().serialize(topic, sample);
        serdes.enrichedRow().deserializer().deserialize(topic, bytes);
        LOG.info("Enriched-row serde warmed up in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** The Kafka Streams client's current state. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Waits until the instance is {@code RUNNING} (it has its partitions and processes).
     *
     * @return {@code true} once running, {@code false} if {@code timeout} passed first
     * @throws IllegalStateException if the client is shutting down or failed, so it will never run
     * @throws InterruptedException  if interrupted while waiting
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateChanged) {
            while (true) {
                KafkaStreams.State current = streams.state();
                if (current == KafkaStreams.State.RUNNING) {
                    return true;
                }
                if (DEAD_STATES.contains(current)) {
                    throw new IllegalStateException("Kafka Streams is " + current + " and will not reach RUNNING");
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(stateChanged, remaining);
            }
        }
    }

    /**
     * Stops processing, leaves the consumer group (so partitions move to other instances at once instead of after
     * the session timeout), then closes the serdes.
     *
     * @return {@code true} if Kafka Streams shut down within {@code timeout}
     */
    public boolean close(Duration timeout) {
        boolean closed = streams.close(CloseOptions
                .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout));
        serdes.close();
        if (!closed) {
            LOG.warn("Kafka Streams did not shut down within {}", timeout);
        }
        return closed;
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }
}
