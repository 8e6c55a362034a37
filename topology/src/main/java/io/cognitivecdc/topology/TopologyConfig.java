package io.cognitivecdc.topology;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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

    /** {@code pipeline.file} */
    public static final String PIPELINE_FILE_CONFIG = "pipeline.file";
    public static final String PIPELINE_FILE_DOC = "Path of the pipeline definition (YAML): source topics, steps, "
            + "providers, output columns and enriched topic. Checked at start-up; see 'cognitive-cdc validate-config'.";

    /** {@code schema.registry.url} */
    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String SCHEMA_REGISTRY_URL_DOC = "Base URL of Apicurio Registry's v3 API, e.g. "
            + "http://127.0.0.1:8080/apis/registry/v3. Required by the registry serdes (EnrichmentSerdes.apicurio); "
            + "may be left out when the caller supplies its own serdes.";

    static final String REGISTRY_V3_PATH = "/apis/registry/v3";

    /** The definition of every setting above. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(PIPELINE_FILE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, readableFile(),
                    Importance.HIGH, PIPELINE_FILE_DOC)
            .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, null, registryV3Url(),
                    Importance.HIGH, SCHEMA_REGISTRY_URL_DOC);

    /**
     * Parses and validates the settings.
     *
     * @throws ConfigException naming the first key that is missing or invalid
     */
    public TopologyConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    /** The value of {@value #PIPELINE_FILE_CONFIG}. */
    public Path pipelineFile() {
        return Path.of(getString(PIPELINE_FILE_CONFIG));
    }

    /** The value of {@value #SCHEMA_REGISTRY_URL_CONFIG}, if set. */
    public Optional<String> schemaRegistryUrl() {
        return Optional.ofNullable(getString(SCHEMA_REGISTRY_URL_CONFIG));
    }

    private static ConfigDef.Validator readableFile() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || value.toString().isBlank()) {
                throw new ConfigException(name, value, "must name the pipeline definition file");
            }
            if (!Files.isReadable(Path.of(value.toString()))) {
                throw new ConfigException(name, value, "no such readable file");
            }
        }, () -> "path of a readable YAML file");
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
