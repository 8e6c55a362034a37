package io.cognitivecdc.topology;

import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.pipeline.Pipeline;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

import java.util.Map;

/**
 * The enrichment topology: CDC topics → parse the Debezium envelope → run the pipeline's steps → enriched topic, and
 * what cannot be enriched → the dead-letter topic.
 *
 * <pre>
 * cdc-source (pipeline source topics) ──▶ enrich ──▶ enriched-sink (pipeline enriched topic)
 * replay-source (replay topic) ─────────▶   │    ──▶ dead-letter-sink (dead-letter topic)
 *                                           │    ──▶ replay-results-sink (replay-results topic)
 *                     enrichment-state, enrichment-pending, enrichment-step-cache (persistent, changelogged)
 * </pre>
 *
 * <p>The steps run asynchronously with many model calls in flight; see {@link EnrichmentProcessorSupplier}.
 *
 * <ul>
 *   <li>create, read, update → the pipeline's steps, then an enriched row (its output columns plus
 *       enriched_by, source_table, source_ts_ms, enriched_at_ms) under the unchanged Debezium key;
 *   <li>delete → a tombstone under the same key, so the sink deletes the row; no model is called;
 *   <li>Debezium's tombstone that follows a delete → nothing (the delete already produced ours);
 *   <li>a row the steps cannot enrich for good → a dead letter with its partial state (transient failures wait);
 *   <li>a value that cannot be decoded, or is not a change event → a dead letter with its original bytes, through
 *       the handlers of {@link io.cognitivecdc.deadletter.DeadLetterHandlers};
 *   <li>a dead letter republished to the replay topic → resumed at its failed step, or reported stale.
 * </ul>
 */
public final class EnrichmentTopology {

    /** Name of the source node reading the pipeline's source topics. */
    public static final String SOURCE_NAME = "cdc-source";
    /** Name of the source node reading the replay topic. */
    public static final String REPLAY_SOURCE_NAME = "replay-source";
    /** Name of the processor that parses and enriches. */
    public static final String ENRICH_NAME = "enrich";
    /** Name of the sink node writing the enriched topic. */
    public static final String SINK_NAME = "enriched-sink";
    /** Name of the sink node writing the dead-letter topic. */
    public static final String DEAD_LETTER_SINK_NAME = "dead-letter-sink";
    /** Name of the sink node writing the outcomes of replayed records. */
    public static final String REPLAY_RESULTS_SINK_NAME = "replay-results-sink";

    private EnrichmentTopology() {
    }

    /** {@link #build(Pipeline, EnrichmentSerdes, EnrichmentFailureHandler, Map)} with default settings. */
    public static Topology build(Pipeline pipeline, EnrichmentSerdes serdes, EnrichmentFailureHandler failures) {
        return build(pipeline, serdes, failures, Map.of());
    }

    /**
     * Builds the topology.
     *
     * @param pipeline what to read, which steps to run, which columns to write, where
     * @param serdes   the serdes of the Debezium key, the Debezium envelope, the enriched row and the dead letter;
     *                 already configured, since Kafka Streams does not configure serdes handed to it this way
     * @param failures is told of every row that cannot be enriched (besides the dead-letter topic)
     * @param settings the Kafka Streams settings, from which the processor's ({@link EnrichmentProcessorConfig}) and
     *                 the dead-letter topics ({@link DeadLetterConfig}) are read
     */
    public static Topology build(Pipeline pipeline, EnrichmentSerdes serdes, EnrichmentFailureHandler failures,
                                 Map<String, ?> settings) {
        EnrichmentProcessorConfig config = new EnrichmentProcessorConfig(settings);
        DeadLetterConfig topics = new DeadLetterConfig(settings);
        Topology topology = new Topology();
        topology.addSource(SOURCE_NAME, serdes.key().deserializer(), serdes.envelope().deserializer(),
                pipeline.sourceTopics().toArray(String[]::new));
        // Raw bytes: the processor decodes replayed dead letters itself, so that one it cannot decode is reported as
        // failed again instead of vanishing into the deserialization handler.
        topology.addSource(REPLAY_SOURCE_NAME, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                topics.replayTopic());
        topology.addProcessor(ENRICH_NAME, new EnrichmentProcessorSupplier(pipeline, serdes, failures, config, topics),
                SOURCE_NAME, REPLAY_SOURCE_NAME);
        topology.addSink(SINK_NAME, pipeline.enrichedTopic(), serdes.key().serializer(),
                serdes.enrichedRow().serializer(), ENRICH_NAME);
        topology.addSink(DEAD_LETTER_SINK_NAME, topics.deadLetterTopic(), new ByteArraySerializer(),
                serdes.deadLetter().serializer(), ENRICH_NAME);
        topology.addSink(REPLAY_RESULTS_SINK_NAME, topics.replayResultsTopic(), new StringSerializer(),
                new StringSerializer(), ENRICH_NAME);
        return topology;
    }
}
