package io.cognitivecdc.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void shouldRequireRegistryUrlForApicurioSerdes(@TempDir Path dir) throws IOException {
        TopologyConfig config = new TopologyConfig(Map.of(TopologyConfig.PIPELINE_FILE_CONFIG,
                Files.writeString(dir.resolve("pipeline.yaml"), "name: x\n").toString()));

        assertThatThrownBy(() -> EnrichmentSerdes.apicurio(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG);
    }
}
