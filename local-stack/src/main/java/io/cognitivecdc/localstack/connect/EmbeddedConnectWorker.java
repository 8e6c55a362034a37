package io.cognitivecdc.localstack.connect;

import io.cognitivecdc.localstack.FreePorts;
import io.cognitivecdc.localstack.StackComponentException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A Kafka Connect worker (distributed mode, one member) running inside this JVM with its REST API on 127.0.0.1.
 *
 * <p>Connectors on the class path (Debezium's PostgreSQL source and JDBC sink) are found through their ServiceLoader
 * manifests; converters that must not share a class loader with the application (Apicurio's 2.x converter) come from
 * {@code plugin.path} folders.
 */
public final class EmbeddedConnectWorker implements AutoCloseable {

    private final Connect<DistributedHerder> connect;
    private final int restPort;

    private EmbeddedConnectWorker(Connect<DistributedHerder> connect, int restPort) {
        this.connect = connect;
        this.restPort = restPort;
    }

    /**
     * Starts a worker against {@code bootstrapServers}, loading isolated plugins from {@code pluginPath}.
     */
    public static EmbeddedConnectWorker start(String bootstrapServers, Path pluginPath) {
        if (!Files.isDirectory(pluginPath)) {
            throw new StackComponentException("Kafka Connect", "plugin folder " + pluginPath
                    + " does not exist (build the project first: ./cognitive-cdc build)");
        }
        return FreePorts.startWithFreshPorts("Kafka Connect", () -> {
            int port = FreePorts.pick();
            // Connect registers a JVM shutdown hook that stops it on its own; the stack owns the shutdown order
            // instead (Streams, then Connect, then the broker), so the hook is not installed.
            Exit.setShutdownHookAdder((name, runnable) -> { });
            try {
                return new EmbeddedConnectWorker(
                        new ConnectDistributed().startConnect(workerConfig(bootstrapServers, pluginPath, port)), port);
            } finally {
                Exit.resetShutdownHookAdder();
            }
        });
    }

    private static Map<String, String> workerConfig(String bootstrapServers, Path pluginPath, int port) {
        Map<String, String> c = new HashMap<>();
        c.put("bootstrap.servers", bootstrapServers);
        c.put("group.id", "cognitive-cdc-connect");
        c.put("listeners", "http://127.0.0.1:" + port);
        c.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("config.storage.topic", "_connect-configs");
        c.put("offset.storage.topic", "_connect-offsets");
        c.put("status.storage.topic", "_connect-status");
        c.put("config.storage.replication.factor", "1");
        c.put("offset.storage.replication.factor", "1");
        c.put("status.storage.replication.factor", "1");
        c.put("offset.storage.partitions", "1");
        c.put("status.storage.partitions", "1");
        c.put("offset.flush.interval.ms", "1000");
        c.put("plugin.path", pluginPath.toString());
        // Scanning every jar for plugins takes 6-19 s here; ServiceLoader manifests take a fraction of that.
        c.put("plugin.discovery", "service_load");
        c.put("config.providers", "env,file");
        c.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        c.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        return c;
    }

    /** Base URL of the worker's REST API. */
    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
