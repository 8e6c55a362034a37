package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.localstack.LocalStack;
import io.cognitivecdc.localstack.StackComponentException;
import io.cognitivecdc.localstack.TempDirectories;
import io.cognitivecdc.localstack.connect.ConnectRestClient;
import io.cognitivecdc.localstack.connect.ConnectorConfigs;
import io.cognitivecdc.localstack.postgres.CapturedTables;
import io.cognitivecdc.localstack.postgres.EmbeddedPostgresDatabase;
import io.cognitivecdc.localstack.postgres.SourceTable;
import io.cognitivecdc.topology.EnrichmentApplication;
import io.cognitivecdc.topology.TopologyConfig;
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

    private static final Duration CONNECTOR_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STREAMS_TIMEOUT = Duration.ofSeconds(60);

    private final EnrichmentApplication streams;
    private final Path stateDir;

    private LocalPipeline(EnrichmentApplication streams, Path stateDir) {
        this.streams = streams;
        this.stateDir = stateDir;
    }

    /**
     * Starts capture of {@code table} (already created and published through {@link CapturedTables}), the topology
     * and the sink. The CDC topic gets {@code partitions} partitions so that several topology instances could share it.
     */
    public static LocalPipeline start(LocalStack stack, SourceTable table, int partitions) {
        stack.broker().createTopics(partitions, table.cdcTopic(), table.enrichedTopic());
        Map<String, String> values = connectorValues(stack, table, partitions);
        ConnectRestClient connect = new ConnectRestClient(stack.connect().restUrl());

        connect.putConnector("source-" + table.name(), ConnectorConfigs.load("postgres-source.json", values));
        connect.putConnector("sink-" + table.name(), ConnectorConfigs.load("postgres-sink.json", values));

        Path stateDir = TempDirectories.create("Kafka Streams", "cognitive-cdc-streams-");
        EnrichmentApplication streams = new EnrichmentApplication(
                new TopologyConfig(Map.of(
                        TopologyConfig.SOURCE_TOPICS_CONFIG, table.cdcTopic(),
                        TopologyConfig.ENRICHED_TOPIC_CONFIG, table.enrichedTopic(),
                        TopologyConfig.TEXT_FIELD_CONFIG, table.textColumn(),
                        TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.registry().v3Url())),
                streamsProperties(stack, table, stateDir));
        try {
            streams.start();
            if (!streams.awaitRunning(STREAMS_TIMEOUT)) {
                throw new StackComponentException("Kafka Streams", "not running after " + STREAMS_TIMEOUT.toSeconds()
                        + " s (state " + streams.state() + ")");
            }
            connect.awaitRunning("source-" + table.name(), CONNECTOR_TIMEOUT);
            connect.awaitRunning("sink-" + table.name(), CONNECTOR_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            streams.close(Duration.ofSeconds(10));
            throw new StackComponentException("Kafka Streams", "interrupted while starting", e);
        } catch (RuntimeException e) {
            streams.close(Duration.ofSeconds(10));
            throw e;
        }
        return new LocalPipeline(streams, stateDir);
    }

    private static Map<String, String> connectorValues(LocalStack stack, SourceTable table, int partitions) {
        EmbeddedPostgresDatabase db = stack.postgres();
        Map<String, String> v = new HashMap<>();
        v.put("postgres.host", db.host());
        v.put("postgres.port", Integer.toString(db.port()));
        v.put("postgres.database", EmbeddedPostgresDatabase.DATABASE);
        v.put("postgres.jdbc.url", db.jdbcUrl());
        v.put("postgres.cdc.user", EmbeddedPostgresDatabase.CDC_USER);
        v.put("postgres.cdc.password", EmbeddedPostgresDatabase.PASSWORD);
        v.put("postgres.sink.user", EmbeddedPostgresDatabase.SINK_USER);
        v.put("postgres.sink.password", EmbeddedPostgresDatabase.PASSWORD);
        v.put("registry.v2.url", stack.registry().v2Url());
        v.put("source.table", table.qualifiedName());
        v.put("slot.name", "cognitive_cdc_" + table.name());
        v.put("publication.name", CapturedTables.PUBLICATION);
        v.put("topic.partitions", Integer.toString(partitions));
        v.put("enriched.topic", table.enrichedTopic());
        v.put("sink.table", table.enrichedTable());
        return v;
    }

    private static Map<String, Object> streamsProperties(LocalStack stack, SourceTable table, Path stateDir) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "cognitive-cdc-" + table.name());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // A restart on one machine should not wait ~45 s for the previous member's session to expire.
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1_000);
        return p;
    }

    /** The running topology. */
    public EnrichmentApplication streams() {
        return streams;
    }

    /** Closes the topology, leaving its group; the connectors stop with the stack's Connect worker. */
    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        TempDirectories.deleteRecursively(stateDir);
    }
}
