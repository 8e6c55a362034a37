package io.cognitivecdc.cli;

import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.settings.EnvironmentReferences;
import io.cognitivecdc.topology.EnrichmentApplication;
import io.cognitivecdc.topology.EnrichmentProcessorConfig;
import io.cognitivecdc.topology.TopologyConfig;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings of {@code cognitive-cdc run}: a Java properties file, overridden by {@code --set KEY=VALUE}, with
 * {@code ${env:NAME}} references resolved from the environment.
 *
 * <p>Two keys are the topology's own ({@link TopologyConfig}: {@code pipeline.file}, {@code schema.registry.url});
 * every other key goes to Kafka Streams as written (so do the processor's {@code enrichment.*} settings, which
 * {@link EnrichmentProcessorConfig} reads from the same map). A relative {@code pipeline.file} from the file is
 * resolved against the file's folder; one from {@code --set} against the current directory, like any path on a
 * command line.
 *
 * <p>Every problem is an {@link InvalidRunConfigurationException} naming the file, the key and the fix.
 */
final class RunConfiguration {

    static final String MASK = "********";

    private static final Set<String> TOPOLOGY_KEYS = TopologyConfig.CONFIG_DEF.names();
    /** Words that, after a "key" word, make a setting a (de)serializer class rather than a key: key.serializer, … */
    private static final Set<String> KEY_CLASS_WORDS = Set.of("serializer", "deserializer", "serde", "converter");
    private static final Pattern URL_USER_INFO = Pattern.compile("(://[^/@\\s:]+:)[^/@\\s]+@");

    /** Where a value came from, for messages. */
    private record Entry(String value, String origin) {
    }

    private final Path file;
    private final Map<String, Entry> entries;

    private RunConfiguration(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /**
     * Reads {@code file}, applies {@code overrides} ({@code KEY=VALUE} each), resolves {@code ${env:NAME}} through
     * {@code environment} and checks that the required keys are there.
     *
     * @throws InvalidRunConfigurationException naming the file, each key that is wrong and how to fix it
     */
    static RunConfiguration load(Path file, List<String> overrides, Function<String, String> environment) {
        return load(file, overrides, environment, true);
    }

    /**
     * {@link #load(Path, List, Function)} for a command that reads no pipeline (such as {@code replay}), pointed at
     * the settings of a running instance: {@code pipeline.file} is then neither required nor checked, since the
     * pipeline definition need not be on the machine the command runs on.
     *
     * @param pipelineRequired whether {@code pipeline.file} must be set
     */
    static RunConfiguration load(Path file, List<String> overrides, Function<String, String> environment,
                                 boolean pipelineRequired) {
        Map<String, Entry> entries = new TreeMap<>();
        for (Map.Entry<String, String> e : readProperties(file).entrySet()) {
            entries.put(e.getKey(), new Entry(e.getValue(), file.toString()));
        }
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0 || override.substring(0, eq).isBlank()) {
                throw new InvalidRunConfigurationException("--set '" + override
                        + "': expected KEY=VALUE, e.g. --set num.stream.threads=4");
            }
            entries.put(override.substring(0, eq).trim(), new Entry(override.substring(eq + 1), "--set"));
        }

        List<String> problems = new ArrayList<>();
        Map<String, Entry> resolved = new TreeMap<>();
        EnvironmentReferences references = new EnvironmentReferences(environment);
        entries.forEach((key, entry) -> resolved.put(key,
                new Entry(resolveEnvironment(key, entry, references, problems), entry.origin())));
        if (!problems.isEmpty()) {
            throw new InvalidRunConfigurationException(problems.size() == 1 ? problems.get(0)
                    : problems.size() + " problems\n  " + String.join("\n  ", problems));
        }

        RunConfiguration config = new RunConfiguration(file, resolved);
        if (pipelineRequired) {
            config.resolvePipelineFile();
        }
        config.checkRequired(pipelineRequired);
        return config;
    }

    private static Map<String, String> readProperties(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidRunConfigurationException(file + ": no such readable file; --config names a Java "
                    + "properties file with the Kafka Streams settings, pipeline.file and schema.registry.url");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidRunConfigurationException(file + ": not a readable properties file: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    /** The value with {@code ${env:NAME}} resolved as in pipeline definitions; Kafka's own {@code ${...}} stay. */
    private static String resolveEnvironment(String key, Entry entry, EnvironmentReferences environment,
                                             List<String> problems) {
        return environment.resolve(entry.value(), variable -> problems.add(entry.origin() + ": " + key
                + " refers to ${env:" + variable + "}, but environment variable " + variable
                + " is not set; export it before starting, or change the value"));
    }

    /** Makes a relative {@code pipeline.file} absolute: against the file's folder, or the working directory for --set. */
    private void resolvePipelineFile() {
        Entry entry = entries.get(TopologyConfig.PIPELINE_FILE_CONFIG);
        if (entry == null || entry.value().isBlank()) {
            return;
        }
        Path path;
        try {
            path = Path.of(entry.value().trim());
        } catch (InvalidPathException e) {
            throw new InvalidRunConfigurationException(entry.origin() + ": " + TopologyConfig.PIPELINE_FILE_CONFIG
                    + " = '" + entry.value() + "' is not a path: " + e.getMessage());
        }
        boolean fromFile = !"--set".equals(entry.origin());
        Path base = fromFile ? file.toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
        Path absolute = base.resolve(path).normalize();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new InvalidRunConfigurationException(entry.origin() + ": " + TopologyConfig.PIPELINE_FILE_CONFIG
                    + " = '" + entry.value() + "': no such readable file: " + absolute
                    + (path.isAbsolute() ? "" : fromFile
                    ? " (a relative path is resolved against the folder of " + file + ")"
                    : " (a relative path given with --set is resolved against the current directory)")
                    + "; point it at the pipeline definition (YAML)");
        }
        entries.put(TopologyConfig.PIPELINE_FILE_CONFIG, new Entry(absolute.toString(), entry.origin()));
    }

    private void checkRequired(boolean pipelineRequired) {
        List<String> missing = new ArrayList<>();
        require(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "the Kafka cluster's brokers, e.g. "
                + "bootstrap.servers=broker-1:9092,broker-2:9092", missing);
        require(StreamsConfig.APPLICATION_ID_CONFIG, "the topology's name in Kafka (consumer group, internal "
                + "topics); instances with the same id share the work, e.g. application.id=cognitive-cdc-encounters",
                missing);
        if (pipelineRequired) {
            require(TopologyConfig.PIPELINE_FILE_CONFIG, "the pipeline definition (YAML), relative to this file's "
                    + "folder, e.g. pipeline.file=pipeline.yaml", missing);
        }
        require(TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, "Apicurio Registry's v3 API, the registry the Debezium "
                + "connectors use, e.g. schema.registry.url=http://registry:8080/apis/registry/v3", missing);
        if (!missing.isEmpty()) {
            throw new InvalidRunConfigurationException(file + ": " + (missing.size() == 1 ? missing.get(0)
                    : missing.size() + " settings missing\n  " + String.join("\n  ", missing)));
        }
    }

    private void require(String key, String what, List<String> missing) {
        Entry entry = entries.get(key);
        if (entry == null || entry.value().isBlank()) {
            missing.add(key + " is missing; set it to " + what);
        }
    }

    /** The properties file. */
    Path file() {
        return file;
    }

    /** A setting's value after overrides and environment references, or null. */
    String get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    /**
     * The topology's settings, checked.
     *
     * @throws InvalidRunConfigurationException naming the key, e.g. a registry URL that is not the v3 API
     */
    TopologyConfig topologyConfig() {
        Map<String, String> props = new LinkedHashMap<>();
        TOPOLOGY_KEYS.forEach(key -> {
            if (get(key) != null) {
                props.put(key, get(key));
            }
        });
        try {
            return new TopologyConfig(props);
        } catch (ConfigException e) {
            throw invalid(e);
        }
    }

    /** Every setting except the topology's own: what Kafka Streams (and the enrichment processor) get. */
    Map<String, Object> streamsProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        entries.forEach((key, entry) -> {
            if (!TOPOLOGY_KEYS.contains(key)) {
                props.put(key, entry.value());
            }
        });
        return props;
    }

    /**
     * The Kafka Streams settings as the application will use them (its defaults overridden by this file), checked
     * by Kafka's own definitions, and the processor's {@code enrichment.*} settings checked too.
     *
     * @throws InvalidRunConfigurationException naming the key whose value Kafka rejects
     */
    StreamsConfig streamsConfig() {
        Map<String, Object> props = EnrichmentApplication.streamsConfig(streamsProperties());
        try {
            new EnrichmentProcessorConfig(props);
            new DeadLetterConfig(props);
            return new StreamsConfig(props);
        } catch (ConfigException e) {
            throw invalid(e);
        }
    }

    /** Turns Kafka's message (which names the key) into ours: the file, the key, and where to change it. */
    InvalidRunConfigurationException invalid(ConfigException e) {
        return new InvalidRunConfigurationException(file + ": " + e.getMessage().replaceAll("\\.$", "")
                + "; change it in " + file.getFileName() + " or override it with --set KEY=VALUE");
    }

    /**
     * Keys that no Kafka Streams, client, topology or processor setting has: most likely typos. Kafka ignores them,
     * so they are only worth a warning (plug-ins such as login callback handlers may read their own).
     */
    List<String> unknownKeys() {
        Set<String> known = new HashSet<>(StreamsConfig.configDef().names());
        known.addAll(TOPOLOGY_KEYS);
        known.addAll(EnrichmentProcessorConfig.CONFIG_DEF.names());
        known.addAll(DeadLetterConfig.CONFIG_DEF.names());
        Set<String> clients = new HashSet<>(ConsumerConfig.configNames());
        clients.addAll(ProducerConfig.configNames());
        clients.addAll(AdminClientConfig.configNames());
        known.addAll(clients);
        List<String> unknown = new ArrayList<>();
        for (String key : entries.keySet()) {
            if (known.contains(key) || key.startsWith(StreamsConfig.TOPIC_PREFIX)
                    || key.startsWith(StreamsConfig.CLIENT_TAG_PREFIX) || key.startsWith("config.providers.")) {
                continue;
            }
            String unprefixed = stripClientPrefix(key);
            if (unprefixed == null || !clients.contains(unprefixed)) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    private static String stripClientPrefix(String key) {
        for (String prefix : List.of(StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
                StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX, StreamsConfig.PRODUCER_PREFIX,
                StreamsConfig.ADMIN_CLIENT_PREFIX)) {
            if (key.startsWith(prefix)) {
                return key.substring(prefix.length());
            }
        }
        return null;
    }

    /**
     * Every setting as {@code key = value}, one per line in key order, secrets masked; values from {@code --set}
     * are marked.
     */
    String describe() {
        return entries.entrySet().stream()
                .map(e -> "  " + e.getKey() + " = " + masked(e.getKey(), e.getValue().value())
                        + ("--set".equals(e.getValue().origin()) ? "   (--set)" : ""))
                .collect(Collectors.joining("\n"));
    }

    /** {@code value} as it may be printed: {@value #MASK} for a secret setting, URL passwords blanked otherwise. */
    static String masked(String key, String value) {
        if (isSecret(key)) {
            return MASK;
        }
        return URL_USER_INFO.matcher(value).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
    }

    /**
     * Whether a setting holds a secret: its name contains password, secret, token, credential or sasl.jaas.config, or
     * has a word ending in "key" (api.key, ssl.keystore.key, private-key) that is not a (de)serializer class setting
     * ({@code key.serializer}, {@code default.key.serde}, {@code consumer.key.deserializer}).
     */
    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.contains("password") || k.contains("secret") || k.contains("token") || k.contains("credential")
                || k.contains("sasl.jaas.config")) {
            return true;
        }
        String[] words = k.split("[._\\-]");
        for (int i = 0; i < words.length; i++) {
            if (words[i].endsWith("key")) {
                boolean classSetting = i + 1 < words.length && KEY_CLASS_WORDS.contains(words[i + 1]);
                if (!classSetting) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A wrong {@code run} configuration: exit code 2 through {@link ErrorReporter}. */
    static final class InvalidRunConfigurationException extends IllegalArgumentException {
        InvalidRunConfigurationException(String message) {
            super(message);
        }
    }
}
