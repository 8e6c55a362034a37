package io.cognitivecdc.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A connector config as this module ships it (a PUT /connectors/{name}/config body on the classpath), and the same
 * config after the worker's config providers have resolved its placeholders.
 */
final class ConnectorConfigFile {

    static final String SECRETS_FILE = "/opt/kafka/secrets/sqlserver.properties";

    /** What the env and file providers of a production worker would return, with made-up values. */
    private static final Map<String, Map<String, String>> ENV = Map.of("", Map.of(
            "SQLSERVER_HOST", "sqlserver.clinic.internal",
            "SQLSERVER_PORT", "1433",
            "SQLSERVER_USER", "cdc_reader",
            "SQLSERVER_SINK_USER", "enrichment_writer",
            "KAFKA_BOOTSTRAP_SERVERS", "kafka-0.kafka:9092,kafka-1.kafka:9092,kafka-2.kafka:9092",
            "APICURIO_REGISTRY_URL", "http://apicurio.registry:8080/apis/registry/v2"));
    private static final Map<String, Map<String, String>> FILES = Map.of(SECRETS_FILE, Map.of(
            "password", "cdc-reader-test-secret",
            "sink.password", "enrichment-writer-test-secret"));

    private ConnectorConfigFile() {
    }

    static Map<String, String> raw(String fileName) {
        String resource = "connect-configs/" + fileName;
        try (InputStream in = ConnectorConfigFile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            // Connect accepts only string values in a config body; reading into Map<String, String> enforces that.
            return new ObjectMapper().readValue(in, new TypeReference<LinkedHashMap<String, String>>() {
            });
        }
        catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** Resolves placeholders with Kafka's own ConfigTransformer, as a worker with config.providers=file,env does. */
    static Map<String, String> resolved(String fileName) {
        Map<String, String> resolved = new LinkedHashMap<>(new ConfigTransformer(Map.of(
                "env", new MapConfigProvider(ENV),
                "file", new MapConfigProvider(FILES)))
                .transform(raw(fileName)).data());
        Set<String> unresolved = resolved.entrySet().stream()
                .filter(e -> e.getValue().contains("${"))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        if (!unresolved.isEmpty()) {
            throw new IllegalStateException(fileName + ": no test value for the placeholders of " + unresolved);
        }
        return resolved;
    }

    private record MapConfigProvider(Map<String, Map<String, String>> paths) implements ConfigProvider {

        @Override
        public ConfigData get(String path) {
            return new ConfigData(paths.getOrDefault(path, Map.of()));
        }

        @Override
        public ConfigData get(String path, Set<String> keys) {
            Map<String, String> values = paths.getOrDefault(path, Map.of());
            return new ConfigData(keys.stream()
                    .filter(values::containsKey)
                    .collect(Collectors.toMap(k -> k, values::get)));
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void close() {
        }
    }
}
