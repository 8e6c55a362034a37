package io.cognitivecdc.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class EnrichmentSerdesTest {

    @Test
    void shouldConfigureConfluentFramingWithContentIds() {
        assertThat(EnrichmentSerdes.registryConfig("http://127.0.0.1:8080/apis/registry/v3")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "apicurio.registry.url", "http://127.0.0.1:8080/apis/registry/v3",
                "apicurio.registry.auto-register", "true",
                "apicurio.registry.find-latest", "true",
                "apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler",
                "apicurio.registry.use-id", "contentId",
                "apicurio.registry.headers.enabled", "false"));
    }

    @Test
    void shouldRequireRegistryUrlForApicurioSerdes() {
        TopologyConfig config = new TopologyConfig(Map.of(
                TopologyConfig.SOURCE_TOPICS_CONFIG, "cdc",
                TopologyConfig.ENRICHED_TOPIC_CONFIG, "enriched",
                TopologyConfig.TEXT_FIELD_CONFIG, "notes"));

        assertThatThrownBy(() -> EnrichmentSerdes.apicurio(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG);
    }
}
