package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.localstack.LocalStack;
import io.cognitivecdc.localstack.StackComponentException;
import io.cognitivecdc.localstack.TempDirectories;
import io.cognitivecdc.localstack.postgres.CapturedTables;
import io.cognitivecdc.localstack.postgres.SourceTable;
import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.topology.EnrichmentApplication;
import io.cognitivecdc.topology.EnrichmentSerdes;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole loop for one source table on a {@link LocalStack}: the Debezium PostgreSQL source from
 * {@code connect-configs/postgres-source.json}, the enrichment topology, and the JDBC sink from
 * {@code connect-configs/postgres-sink.json} writing the enriched table.
 */
public final class LocalPipeline implements AutoCloseable {

    private static final Duration STREAMS_TIMEOUT = Duration.ofSeconds(60);

    private final EnrichmentApplication streams;
    private final DeadLetterConfig topics;
    private final CountingFailureHandler failures;
    private final Path stateDir;
    private final LocalConnectors connectors;

    private LocalPipeline(EnrichmentApplication streams, DeadLetterConfig topics, CountingFailureHandler failures,
                          Path stateDir, LocalConnectors connectors) {
        this.streams = streams;
        this.topics = topics;
        this.failures = failures;
        this.stateDir = stateDir;
        this.connectors = connectors;
    }

    /**
     * Starts capture of {@code table} (already created and published through {@link CapturedTables}), the topology
     * running {@code pipeline}, and the sink. The CDC topic gets {@code partitions} partitions so that several
     * topology instances could share it. The pipeline stays the caller's to close.
     */
    public static LocalPipeline start(LocalStack stack, SourceTable table, int partitions, Pipeline pipeline) {
        return start(stack, table, partitions, pipeline, Map.of());
    }

    /**
     * The same, with Kafka Streams and processor settings that override the local defaults (e.g.
     * {@code max.poll.interval.ms}, {@code enrichment.max.in.flight}).
     */
    public static LocalPipeline start(LocalStack stack, SourceTable table, int partitions, Pipeline pipeline,
                                      Map<String, ?> streamsOverrides) {
        if (!pipeline.sourceTopics().contains(table.cdcTopic())) {
            throw new IllegalArgumentException("pipeline " + pipeline.name() + " reads " + pipeline.sourceTopics()
                    + ", but the changes of " + table.qualifiedName() + " arrive on " + table.cdcTopic());
        }
        stack.broker().createTopics(partitions, table.cdcTopic(), pipeline.enrichedTopic());
        LocalConnectors connectors = LocalConnectors.register(stack, table, pipeline.enrichedTopic(), partitions);

        Path stateDir = TempDirectories.create("Kafka Streams", "cognitive-cdc-streams-");
        CountingFailureHandler failures = new CountingFailureHandler();
        Map<String, Object> properties = streamsProperties(stack, table, stateDir, streamsOverrides);
        EnrichmentApplication streams = new EnrichmentApplication(pipeline,
                EnrichmentSerdes.apicurio(stack.registry().v3Url()), properties, failures);
        try {
            streams.start();
            if (!streams.awaitRunning(STREAMS_TIMEOUT)) {
                throw new StackComponentException("Kafka Streams", "not running after " + STREAMS_TIMEOUT.toSeconds()
                        + " s (state " + streams.state() + ")");
            }
            connectors.awaitRunning();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            streams.close(Duration.ofSeconds(10));
            throw new StackComponentException("Kafka Streams", "interrupted while starting", e);
        } catch (RuntimeException e) {
            streams.close(Duration.ofSeconds(10));
            throw e;
        }
        return new LocalPipeline(streams, new DeadLetterConfig(properties), failures, stateDir, connectors);
    }

    private static Map<String, Object> streamsProperties(LocalStack stack, SourceTable table, Path stateDir,
                                                         Map<String, ?> overrides) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "cognitive-cdc-" + table.name());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // A restart on one machine should not wait ~45 s for the previous member's session to expire.
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1_000);
        p.putAll(overrides);
        return p;
    }

    /** The running topology. */
    public EnrichmentApplication streams() {
        return streams;
    }

    /** The dead-letter, replay and replay-results topics of this pipeline. */
    public DeadLetterConfig topics() {
        return topics;
    }

    /** The rows whose steps failed for good so far (each is also a dead letter). */
    public CountingFailureHandler failures() {
        return failures;
    }

    /**
     * Closes the topology (leaving its group) and deletes the pipeline's connectors, so that the stack can run
     * another pipeline next.
     */
    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        TempDirectories.deleteRecursively(stateDir);
        connectors.close();
    }
}
