package io.cognitivecdc.topology;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the enrichment topology, in Kafka's {@link ConfigDef} style so they validate, document and log like
 * {@code StreamsConfig}. Kafka Streams' own settings ({@code bootstrap.servers}, {@code application.id}, …) are not
 * here: {@link EnrichmentApplication} takes them separately.
 *
 * <p>Every invalid value fails construction with a {@link ConfigException} naming the key.
 */
public final class TopologyConfig extends AbstractConfig {

    /** {@code source.topics} */
    public static final String SOURCE_TOPICS_CONFIG = "source.topics";
    public static final String SOURCE_TOPICS_DOC = "The CDC topics to enrich: Debezium change events of one or more tables, "
            + "keyed by the row's primary key. At least one; no duplicates.";

    /** {@code enriched.topic} */
    public static final String ENRICHED_TOPIC_CONFIG = "enriched.topic";
    public static final String ENRICHED_TOPIC_DOC = "The topic the enriched rows are written to, keyed like the source "
            + "row, for the JDBC sink to upsert (a null value deletes the row). Must not be a source topic.";

    /** {@code text.field} */
    public static final String TEXT_FIELD_CONFIG = "text.field";
    public static final String TEXT_FIELD_DOC = "The source column that holds the free text to enrich.";

    /** {@code schema.registry.url} */
    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String SCHEMA_REGISTRY_URL_DOC = "Base URL of Apicurio Registry's v3 API, e.g. "
            + "http://127.0.0.1:8080/apis/registry/v3. Required by the registry serdes (EnrichmentSerdes.apicurio); "
            + "may be left out when the caller supplies its own serdes.";

    static final String REGISTRY_V3_PATH = "/apis/registry/v3";

    /** The definition of every setting above. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SOURCE_TOPICS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, nonEmptyDistinctList(),
                    Importance.HIGH, SOURCE_TOPICS_DOC)
            .define(ENRICHED_TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, requiredText(),
                    Importance.HIGH, ENRICHED_TOPIC_DOC)
            .define(TEXT_FIELD_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, requiredText(),
                    Importance.HIGH, TEXT_FIELD_DOC)
            .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, null, registryV3Url(),
                    Importance.HIGH, SCHEMA_REGISTRY_URL_DOC);

    /**
     * Parses and validates the settings.
     *
     * @throws ConfigException naming the first key that is missing or invalid
     */
    public TopologyConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        if (sourceTopics().contains(enrichedTopic())) {
            throw new ConfigException(ENRICHED_TOPIC_CONFIG, enrichedTopic(),
                    "must differ from every " + SOURCE_TOPICS_CONFIG + ": the topology would consume its own output");
        }
    }

    /** The value of {@value #SOURCE_TOPICS_CONFIG}. */
    public List<String> sourceTopics() {
        return getList(SOURCE_TOPICS_CONFIG);
    }

    /** The value of {@value #ENRICHED_TOPIC_CONFIG}. */
    public String enrichedTopic() {
        return getString(ENRICHED_TOPIC_CONFIG);
    }

    /** The value of {@value #TEXT_FIELD_CONFIG}. */
    public String textField() {
        return getString(TEXT_FIELD_CONFIG);
    }

    /** The value of {@value #SCHEMA_REGISTRY_URL_CONFIG}, if set. */
    public Optional<String> schemaRegistryUrl() {
        return Optional.ofNullable(getString(SCHEMA_REGISTRY_URL_CONFIG));
    }

    private static ConfigDef.Validator requiredText() {
        // NonEmptyString alone lets an explicit null through.
        return ConfigDef.CompositeValidator.of(new ConfigDef.NonNullValidator(), new ConfigDef.NonEmptyStringWithoutControlChars());
    }

    private static ConfigDef.Validator nonEmptyDistinctList() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            List<?> topics = (List<?>) value;
            if (topics == null || topics.isEmpty()) {
                throw new ConfigException(name, value, "must name at least one topic");
            }
            Set<Object> seen = new HashSet<>();
            for (Object topic : topics) {
                if (topic.toString().isBlank()) {
                    throw new ConfigException(name, value, "must not contain an empty topic name");
                }
                if (!seen.add(topic)) {
                    throw new ConfigException(name, value, "names topic '" + topic + "' twice");
                }
            }
        }, () -> "non-empty list of distinct topic names");
    }

    private static ConfigDef.Validator registryV3Url() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null) {
                return;
            }
            URI uri;
            try {
                uri = new URI(value.toString());
            } catch (URISyntaxException e) {
                throw new ConfigException(name, value, "is not a URL: " + e.getMessage());
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(name, value, "must be an absolute http or https URL");
            }
            // The 3.x serdes speak the v3 API; a v2 or ccompat URL fails only at the first record, so catch it here.
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            if (!path.endsWith(REGISTRY_V3_PATH)) {
                throw new ConfigException(name, value, "must end with " + REGISTRY_V3_PATH + " (Apicurio Registry's v3 API)");
            }
        }, () -> "http(s) URL ending with " + REGISTRY_V3_PATH);
    }
}
