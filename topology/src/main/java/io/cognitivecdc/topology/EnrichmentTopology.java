package io.cognitivecdc.topology;

import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.state.EnrichmentStateSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The enrichment topology: CDC topics → parse the Debezium envelope → run the pipeline's steps → enriched topic.
 *
 * <pre>
 * cdc-source (pipeline source topics) ──▶ enrich ──▶ enriched-sink (pipeline enriched topic)
 *                                           │
 *                     enrichment-state, enrichment-pending, enrichment-step-cache (persistent, changelogged)
 * </pre>
 *
 * <p>The steps run asynchronously with many model calls in flight; see {@link AsyncEnrichmentProcessor}.
 *
 * <ul>
 *   <li>create, read, update → the pipeline's steps, then an enriched row (its output columns plus
 *       enriched_by, source_table, source_ts_ms, enriched_at_ms) under the unchanged Debezium key;
 *   <li>delete → a tombstone under the same key, so the sink deletes the row; no model is called;
 *   <li>Debezium's tombstone that follows a delete → nothing (the delete already produced ours);
 *   <li>a value that is not a change event → logged at WARN with its topic, partition and offset, and skipped;
 *   <li>a row the steps cannot enrich → the failure handler, no output.
 * </ul>
 */
public final class EnrichmentTopology {

    /** Name of the source node reading the pipeline's source topics. */
    public static final String SOURCE_NAME = "cdc-source";
    /** Name of the processor that parses and enriches. */
    public static final String ENRICH_NAME = "enrich";
    /** Name of the sink node writing the enriched topic. */
    public static final String SINK_NAME = "enriched-sink";

    private EnrichmentTopology() {
    }

    /** {@link #build(Pipeline, EnrichmentSerdes, EnrichmentFailureHandler, EnrichmentProcessorConfig)} with defaults. */
    public static Topology build(Pipeline pipeline, EnrichmentSerdes serdes, EnrichmentFailureHandler failures) {
        return build(pipeline, serdes, failures, new EnrichmentProcessorConfig(Map.of()));
    }

    /**
     * Builds the topology.
     *
     * @param pipeline what to read, which steps to run, which columns to write, where
     * @param serdes   the serdes of the Debezium key, the Debezium envelope and the enriched row; already configured,
     *                 since Kafka Streams does not configure serdes handed to it this way
     * @param failures receives rows that cannot be enriched
     * @param config   how many calls in flight, how the backlog is paced
     */
    public static Topology build(Pipeline pipeline, EnrichmentSerdes serdes, EnrichmentFailureHandler failures,
                                 EnrichmentProcessorConfig config) {
        EnrichedRows rows = new EnrichedRows(pipeline);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AsyncEnrichmentProcessor.STATE_STORE), Serdes.Bytes(),
                new EnrichmentStateSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AsyncEnrichmentProcessor.PENDING_STORE), Serdes.Long(), Serdes.Bytes()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AsyncEnrichmentProcessor.CACHE_STORE), Serdes.String(), Serdes.String()));
        builder.stream(pipeline.sourceTopics(), Consumed.with(serdes.key(), serdes.envelope()).withName(SOURCE_NAME))
                .process(() -> new AsyncEnrichmentProcessor(pipeline, rows, serdes.key(), failures, config),
                        Named.as(ENRICH_NAME), AsyncEnrichmentProcessor.STATE_STORE,
                        AsyncEnrichmentProcessor.PENDING_STORE, AsyncEnrichmentProcessor.CACHE_STORE)
                .to(pipeline.enrichedTopic(), Produced.with(serdes.key(), serdes.enrichedRow()).withName(SINK_NAME));
        return builder.build();
    }
}
