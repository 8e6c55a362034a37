package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.localstack.LocalStack;
import io.cognitivecdc.localstack.connect.ConnectRestClient;
import io.cognitivecdc.localstack.connect.ConnectorConfigs;
import io.cognitivecdc.localstack.postgres.CapturedTables;
import io.cognitivecdc.localstack.postgres.EmbeddedPostgresDatabase;
import io.cognitivecdc.localstack.postgres.SourceTable;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two connectors around the topology for one source table on a {@link LocalStack}: the Debezium PostgreSQL source
 * from {@code connect-configs/postgres-source.json} and the JDBC sink from {@code postgres-sink.json}. Closing deletes
 * both, so that the stack can serve another table next.
 */
public final class LocalConnectors implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final ConnectRestClient connect;
    private final List<String> names;

    private LocalConnectors(ConnectRestClient connect, List<String> names) {
        this.connect = connect;
        this.names = names;
    }

    /**
     * Registers the source for {@code table} (already created through {@link CapturedTables}) and the sink from
     * {@code enrichedTopic} into {@code table.enrichedTable()}. The CDC topic is created with {@code partitions}
     * partitions if Debezium creates it.
     */
    public static LocalConnectors register(LocalStack stack, SourceTable table, String enrichedTopic, int partitions) {
        Map<String, String> values = values(stack, table, enrichedTopic, partitions);
        ConnectRestClient connect = new ConnectRestClient(stack.connect().restUrl());
        String source = "source-" + table.name();
        String sink = "sink-" + table.name();
        connect.putConnector(source, ConnectorConfigs.load("postgres-source.json", values));
        connect.putConnector(sink, ConnectorConfigs.load("postgres-sink.json", values));
        return new LocalConnectors(connect, List.of(sink, source));
    }

    /** Waits until both connectors and their tasks run; fails fast with the trace of one that failed. */
    public LocalConnectors awaitRunning() {
        for (String name : names) {
            connect.awaitRunning(name, TIMEOUT);
        }
        return this;
    }

    /** The {@code ${stack:...}} values of the local connector configs. */
    private static Map<String, String> values(LocalStack stack, SourceTable table, String enrichedTopic,
                                              int partitions) {
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
        v.put("publication.name", CapturedTables.publication(table));
        v.put("topic.partitions", Integer.toString(partitions));
        v.put("enriched.topic", enrichedTopic);
        v.put("sink.table", table.enrichedTable());
        return v;
    }

    /** Deletes both connectors (sink first) and waits until their tasks have stopped. */
    @Override
    public void close() {
        for (String name : names) {
            connect.deleteConnector(name, TIMEOUT);
        }
    }
}
