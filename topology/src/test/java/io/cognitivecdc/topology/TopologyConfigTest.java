package io.cognitivecdc.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopologyConfigTest {

    @TempDir
    Path dir;
    private Path pipelineFile;

    @BeforeEach
    void writePipelineFile() throws IOException {
        pipelineFile = Files.writeString(dir.resolve("pipeline.yaml"), "name: x\n");
    }

    private Map<String, Object> valid() {
        Map<String, Object> props = new HashMap<>();
        props.put(TopologyConfig.PIPELINE_FILE_CONFIG, pipelineFile.toString());
        props.put(TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:8080/apis/registry/v3");
        return props;
    }

    private Map<String, Object> validWith(String key, Object value) {
        Map<String, Object> props = valid();
        props.put(key, value);
        return props;
    }

    @Test
    void shouldReadEverySetting() {
        TopologyConfig config = new TopologyConfig(valid());

        assertThat(config.pipelineFile()).isEqualTo(pipelineFile);
        assertThat(config.schemaRegistryUrl()).contains("http://127.0.0.1:8080/apis/registry/v3");
    }

    @Test
    void shouldLeaveRegistryUrlOptional() {
        Map<String, Object> props = valid();
        props.remove(TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG);

        assertThat(new TopologyConfig(props).schemaRegistryUrl()).isEmpty();
    }

    @Test
    void shouldRequirePipelineFile() {
        Map<String, Object> props = valid();
        props.remove(TopologyConfig.PIPELINE_FILE_CONFIG);

        assertThatThrownBy(() -> new TopologyConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(TopologyConfig.PIPELINE_FILE_CONFIG);
    }

    @Test
    void shouldRejectPipelineFileThatCannotBeRead() {
        assertThatThrownBy(() -> new TopologyConfig(validWith(TopologyConfig.PIPELINE_FILE_CONFIG, dir.resolve("nope.yaml").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(TopologyConfig.PIPELINE_FILE_CONFIG)
                .hasMessageContaining("no such readable file");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1:8080/apis/registry/v3",
            "ftp://registry/apis/registry/v3",
            "http://registry:8080/apis/registry/v2",
            "http://registry:8080/apis/ccompat/v7",
            "http://registry:8080",
            "http://registry:8080/apis/registry/v3 x"})
    void shouldRejectRegistryUrlThatIsNotTheV3Api(String url) {
        assertThatThrownBy(() -> new TopologyConfig(validWith(TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, url)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG);
    }

    @Test
    void shouldAcceptRegistryUrlWithTrailingSlash() {
        TopologyConfig config = new TopologyConfig(
                validWith(TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, "https://registry.example.com/apis/registry/v3/"));

        assertThat(config.schemaRegistryUrl()).contains("https://registry.example.com/apis/registry/v3/");
    }

    @Test
    void shouldDocumentEverySetting() {
        assertThat(TopologyConfig.CONFIG_DEF.names()).containsExactlyInAnyOrder("pipeline.file", "schema.registry.url");
        TopologyConfig.CONFIG_DEF.configKeys().values()
                .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
    }
}
