package io.cognitivecdc.cli;

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
 * The two connectors around the topology for one source table on a {@link LocalStack}, registered from
 * {@code connect-configs/postgres-source.json} and {@code postgres-sink.json} exactly as {@code LocalPipeline} does,
 * but without running the topology: that is the child process's job here.
 */
final class CdcConnectors implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final ConnectRestClient connect;
    private final List<String> names;

    private CdcConnectors(ConnectRestClient connect, List<String> names) {
        this.connect = connect;
        this.names = names;
    }

    /**
     * Registers the Debezium source for {@code table} (already created through {@link CapturedTables}) and the JDBC
     * sink from {@code table.enrichedTopic()} into {@code table.enrichedTable()}, and waits until both run.
     */
    static CdcConnectors register(LocalStack stack, SourceTable table, int partitions) {
        Map<String, String> values = values(stack, table, partitions);
        ConnectRestClient connect = new ConnectRestClient(stack.connect().restUrl());
        String source = "source-" + table.name();
        String sink = "sink-" + table.name();
        connect.putConnector(source, ConnectorConfigs.load("postgres-source.json", values));
        connect.putConnector(sink, ConnectorConfigs.load("postgres-sink.json", values));
        CdcConnectors connectors = new CdcConnectors(connect, List.of(sink, source));
        try {
            connect.awaitRunning(source, TIMEOUT);
            connect.awaitRunning(sink, TIMEOUT);
        } catch (RuntimeException e) {
            connectors.close();
            throw e;
        }
        return connectors;
    }

    /** The {@code ${stack:...}} values of the local connector configs (as {@code LocalPipeline} fills them). */
    private static Map<String, String> values(LocalStack stack, SourceTable table, int partitions) {
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
        v.put("enriched.topic", table.enrichedTopic());
        v.put("sink.table", table.enrichedTable());
        return v;
    }

    /** Deletes both connectors (sink first) and waits until their tasks have stopped. */
    @Override
    public void close() {
        for (String name : names) {
            try {
                connect.deleteConnector(name, TIMEOUT);
            } catch (RuntimeException e) {
                System.out.println("while deleting connector " + name + ": " + e);
            }
        }
    }
}
