package io.cognitivecdc.localstack.connect;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorConfigsTest {

    @Test
    void shouldFillStackPlaceholdersOfTheLocalSourceConfig() {
        Map<String, String> values = new HashMap<>();
        for (String key : new String[] {"postgres.host", "postgres.port", "postgres.cdc.user", "postgres.cdc.password",
                "postgres.database", "source.table", "slot.name", "publication.name", "topic.partitions",
                "registry.v2.url"}) {
            values.put(key, "value-of-" + key);
        }

        Map<String, String> config = ConnectorConfigs.load("postgres-source.json", values);

        assertThat(config.get("database.port")).isEqualTo("value-of-postgres.port");
        assertThat(config.get("value.converter.apicurio.registry.url")).isEqualTo("value-of-registry.v2.url");
        assertThat(config.values()).noneMatch(v -> v.contains("${stack:"));
    }

    @Test
    void shouldNameFileAndKeyWhenPlaceholderHasNoValue() {
        assertThatThrownBy(() -> ConnectorConfigs.load("postgres-sink.json", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connect-configs/postgres-sink.json")
                .hasMessageContaining("key 'topics' refers to ${stack:enriched.topic}");
    }
}
