package io.cognitivecdc.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopologyConfigTest {

    private static Map<String, Object> valid() {
        Map<String, Object> props = new HashMap<>();
        props.put(TopologyConfig.SOURCE_TOPICS_CONFIG, "pg.public.visits, pg.public.referrals");
        props.put(TopologyConfig.ENRICHED_TOPIC_CONFIG, "visits.enriched");
        props.put(TopologyConfig.TEXT_FIELD_CONFIG, "clinical_notes");
        props.put(TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:8080/apis/registry/v3");
        return props;
    }

    private static Map<String, Object> validWith(String key, Object value) {
        Map<String, Object> props = valid();
        props.put(key, value);
        return props;
    }

    @Test
    void shouldReadEverySetting() {
        TopologyConfig config = new TopologyConfig(valid());

        assertThat(config.sourceTopics()).containsExactly("pg.public.visits", "pg.public.referrals");
        assertThat(config.enrichedTopic()).isEqualTo("visits.enriched");
        assertThat(config.textField()).isEqualTo("clinical_notes");
        assertThat(config.schemaRegistryUrl()).contains("http://127.0.0.1:8080/apis/registry/v3");
    }

    @Test
    void shouldAcceptTopicsAsList() {
        TopologyConfig config = new TopologyConfig(validWith(TopologyConfig.SOURCE_TOPICS_CONFIG, List.of("a", "b")));

        assertThat(config.sourceTopics()).containsExactly("a", "b");
    }

    @Test
    void shouldLeaveRegistryUrlOptional() {
        Map<String, Object> props = valid();
        props.remove(TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG);

        assertThat(new TopologyConfig(props).schemaRegistryUrl()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {TopologyConfig.SOURCE_TOPICS_CONFIG, TopologyConfig.ENRICHED_TOPIC_CONFIG, TopologyConfig.TEXT_FIELD_CONFIG})
    void shouldRequireSetting(String key) {
        Map<String, Object> props = valid();
        props.remove(key);

        assertThatThrownBy(() -> new TopologyConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {TopologyConfig.ENRICHED_TOPIC_CONFIG, TopologyConfig.TEXT_FIELD_CONFIG})
    void shouldRejectEmptyOrNullText(String key) {
        assertThatThrownBy(() -> new TopologyConfig(validWith(key, "  ")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
        assertThatThrownBy(() -> new TopologyConfig(validWith(key, null)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a,,b", "a,b,a"})
    void shouldRejectBadSourceTopicList(String topics) {
        assertThatThrownBy(() -> new TopologyConfig(validWith(TopologyConfig.SOURCE_TOPICS_CONFIG, topics)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(TopologyConfig.SOURCE_TOPICS_CONFIG);
    }

    @Test
    void shouldRejectEnrichedTopicThatIsAlsoASource() {
        assertThatThrownBy(() -> new TopologyConfig(validWith(TopologyConfig.ENRICHED_TOPIC_CONFIG, "pg.public.visits")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(TopologyConfig.ENRICHED_TOPIC_CONFIG)
                .hasMessageContaining("consume its own output");
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
        assertThat(TopologyConfig.CONFIG_DEF.names()).containsExactlyInAnyOrder(
                "source.topics", "enriched.topic", "text.field", "schema.registry.url");
        TopologyConfig.CONFIG_DEF.configKeys().values()
                .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
    }
}
