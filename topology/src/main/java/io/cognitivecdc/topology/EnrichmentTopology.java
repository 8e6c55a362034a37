package io.cognitivecdc.topology;

import io.cognitivecdc.steps.PlaceholderEnrichment;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The enrichment pipeline: CDC topics → parse the Debezium envelope → enrich → enriched topic.
 *
 * <pre>
 * cdc-source (source.topics) ──▶ enrich ──▶ enriched-sink (enriched.topic)
 * </pre>
 *
 * <ul>
 *   <li>create, read, update → an {@code EnrichedRow} under the unchanged Debezium key (the sink's primary key);
 *   <li>delete → a tombstone under the same key, so the sink deletes the row;
 *   <li>Debezium's tombstone that follows a delete → nothing (the delete already produced ours);
 *   <li>a value that is not a change event → logged at WARN with its topic, partition and offset, and skipped.
 * </ul>
 *
 * <p>The enrichment itself is still {@link PlaceholderEnrichment}; the next issue puts the LLM steps in its place.
 */
public final class EnrichmentTopology {

    /** Name of the source node reading {@link TopologyConfig#SOURCE_TOPICS_CONFIG}. */
    public static final String SOURCE_NAME = "cdc-source";
    /** Name of the processor that parses and enriches. */
    public static final String ENRICH_NAME = "enrich";
    /** Name of the sink node writing {@link TopologyConfig#ENRICHED_TOPIC_CONFIG}. */
    public static final String SINK_NAME = "enriched-sink";

    private EnrichmentTopology() {
    }

    /**
     * Builds the topology.
     *
     * @param config what to read, where to write, which column to enrich
     * @param serdes the serdes of the Debezium key, the Debezium envelope and the enriched row; already configured,
     *               since Kafka Streams does not configure serdes handed to it this way
     */
    public static Topology build(TopologyConfig config, EnrichmentSerdes serdes) {
        PlaceholderEnrichment enrichment = new PlaceholderEnrichment(config.textField());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(config.sourceTopics(), Consumed.with(serdes.key(), serdes.envelope()).withName(SOURCE_NAME))
                .process(() -> new EnrichmentProcessor(enrichment), Named.as(ENRICH_NAME))
                .to(config.enrichedTopic(), Produced.with(serdes.key(), serdes.enrichedRow()).withName(SINK_NAME));
        return builder.build();
    }
}
