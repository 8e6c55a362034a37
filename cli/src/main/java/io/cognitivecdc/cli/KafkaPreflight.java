package io.cognitivecdc.cli;

import io.cognitivecdc.pipeline.Pipeline;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * What {@code run} checks in the Kafka cluster before starting Kafka Streams: that the cluster answers, that every
 * source topic of the pipeline exists (Kafka Streams goes to ERROR without one, and never creates it), and that the
 * enriched topic exists or the broker creates topics on first write. It creates nothing.
 */
final class KafkaPreflight {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPreflight.class);

    /** Kafka cannot be reached (or did not answer in time): the environment, not the files; exit code 1. */
    static final class KafkaUnreachableException extends IllegalStateException {
        KafkaUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A topic the pipeline needs is not there, or may not be read: exit code 2, with how to fix it. */
    static final class TopicsNotReadyException extends IllegalArgumentException {
        TopicsNotReadyException(String message) {
            super(message);
        }
    }

    /** What the check found, for the log. */
    record Report(String clusterId, int brokers, Map<String, Integer> partitions, boolean enrichedTopicAutoCreated) {
    }

    private final Map<String, Object> adminConfig;
    private final String bootstrapServers;
    private final String configFile;
    private final Duration timeout;

    /**
     * @param adminConfig the admin client settings the application itself would use (bootstrap servers, security,
     *                    {@code admin.}-prefixed overrides)
     * @param configFile  the file to name in messages
     * @param timeout     how long the cluster gets to answer
     */
    KafkaPreflight(Map<String, Object> adminConfig, String configFile, Duration timeout) {
        this.adminConfig = new HashMap<>(adminConfig);
        this.bootstrapServers = String.valueOf(adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        this.configFile = configFile;
        this.timeout = timeout;
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Math.min(intSetting(this.adminConfig.get(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG), 30_000),
                        timeoutMs));
    }

    private static int intSetting(Object value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            return otherwise; // the admin client itself rejects it, naming the key
        }
    }

    /**
     * Checks the cluster for {@code pipeline}.
     *
     * @throws KafkaUnreachableException when the cluster does not answer within the timeout
     * @throws TopicsNotReadyException   naming every missing or unreadable topic and how to create it
     * @throws RunConfiguration.InvalidRunConfigurationException when the settings cannot even make a client
     *                                   (unresolvable bootstrap servers) or the cluster refuses the credentials
     */
    Report check(Pipeline pipeline) {
        Admin admin;
        try {
            admin = Admin.create(adminConfig);
        } catch (KafkaException e) {
            Throwable cause = e.getCause() instanceof ConfigException ? e.getCause() : e;
            throw new RunConfiguration.InvalidRunConfigurationException(configFile + ": cannot make a Kafka client "
                    + "from these settings (bootstrap.servers = " + bootstrapServers + "): " + cause.getMessage());
        }
        try {
            return check(admin, pipeline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException("interrupted while checking Kafka at " + bootstrapServers, e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private Report check(Admin admin, Pipeline pipeline) throws InterruptedException {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Cluster cluster = describeCluster(admin, timeoutMs);
        TopicStates topics = describeTopics(admin, pipeline, timeoutMs);

        List<String> problems = new ArrayList<>();
        if (!topics.missingSources().isEmpty()) {
            problems.add(missingSourcesMessage(pipeline, topics.missingSources(),
                    Math.max(1, topics.suggestedPartitions())));
        }
        if (topics.enrichedMissing()) {
            missingEnrichedTopic(admin, cluster.nodes(), pipeline.enrichedTopic(), topics.suggestedPartitions(),
                    timeoutMs).ifPresent(problems::add);
        }
        if (!topics.unauthorized().isEmpty()) {
            problems.add("not allowed to describe " + String.join(", ", topics.unauthorized()) + "; the application's "
                    + "principal needs DESCRIBE and READ on the source topics and DESCRIBE and WRITE on the enriched "
                    + "topic");
        }
        if (!problems.isEmpty()) {
            throw new TopicsNotReadyException("Kafka at " + bootstrapServers + " is not ready for pipeline "
                    + pipeline.name() + ":\n  " + String.join("\n  ", problems));
        }
        // Past the throw, a missing enriched topic is one the broker creates on the first write.
        return new Report(cluster.id(), cluster.nodes().size(), topics.partitions(), topics.enrichedMissing());
    }

    private record Cluster(String id, Collection<Node> nodes) {
    }

    private Cluster describeCluster(Admin admin, int timeoutMs) throws InterruptedException {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
        try {
            return new Cluster(get(cluster.clusterId(), "describe the cluster"),
                    get(cluster.nodes(), "list the brokers"));
        } catch (TopicLookupException e) {
            throw new TopicsNotReadyException("Kafka at " + bootstrapServers + " does not let this principal describe "
                    + "the cluster: " + e.getCause().getMessage());
        }
    }

    /**
     * What the cluster says about the pipeline's topics.
     *
     * @param partitions     the partition count of every topic that exists, in the pipeline's order
     * @param missingSources the source topics that do not exist
     * @param unauthorized   the topics this principal may not describe, each with the broker's reason
     */
    private record TopicStates(Map<String, Integer> partitions, List<String> missingSources,
                               List<String> unauthorized, boolean enrichedMissing) {

        /** For a topic to create: as many partitions as the widest existing one, 3 when none exists. */
        int suggestedPartitions() {
            return partitions.values().stream().mapToInt(Integer::intValue).max().orElse(3);
        }
    }

    private TopicStates describeTopics(Admin admin, Pipeline pipeline, int timeoutMs) throws InterruptedException {
        Set<String> topics = new LinkedHashSet<>(pipeline.sourceTopics());
        topics.add(pipeline.enrichedTopic());
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics,
                new DescribeTopicsOptions().timeoutMs(timeoutMs)).topicNameValues();
        Map<String, Integer> partitions = new LinkedHashMap<>();
        List<String> missingSources = new ArrayList<>();
        List<String> unauthorized = new ArrayList<>();
        boolean enrichedMissing = false;
        for (String topic : topics) {
            try {
                partitions.put(topic, get(described.get(topic), "describe topic " + topic).partitions().size());
            } catch (TopicLookupException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    if (topic.equals(pipeline.enrichedTopic())) {
                        enrichedMissing = true;
                    } else {
                        missingSources.add(topic);
                    }
                } else {
                    unauthorized.add(topic + " (" + e.getCause().getMessage() + ")");
                }
            }
        }
        return new TopicStates(partitions, missingSources, unauthorized, enrichedMissing);
    }

    /**
     * A missing enriched topic is a problem only when the broker certainly will not create it on the first write;
     * otherwise it is logged (a warning when the broker's setting cannot be read) and the run goes on.
     *
     * @return the problem, if it is one
     */
    private Optional<String> missingEnrichedTopic(Admin admin, Collection<Node> nodes, String topic, int partitions,
                                                  int timeoutMs) throws InterruptedException {
        Boolean autoCreate = autoCreateTopics(admin, nodes, timeoutMs);
        if (Boolean.TRUE.equals(autoCreate)) {
            LOG.info("Enriched topic {} does not exist yet; the broker creates it on the first write "
                    + "(auto.create.topics.enable=true) with its default partition count. To choose the partitions, "
                    + "create it first: {}", topic, createCommand(topic, partitions));
            return Optional.empty();
        }
        if (autoCreate == null) {
            LOG.warn("Enriched topic {} does not exist, and the broker's auto.create.topics.enable could not be "
                    + "read; unless the broker creates topics on first write, Kafka Streams will fail at the first "
                    + "enriched row. Create it: {}", topic, createCommand(topic, partitions));
            return Optional.empty();
        }
        return Optional.of("enriched topic " + topic + " does not exist and the broker does not "
                + "create topics on first write (auto.create.topics.enable=false); create it (the JDBC sink "
                + "reads it):\n    " + createCommand(topic, partitions));
    }

    private String missingSourcesMessage(Pipeline pipeline, List<String> missing, int partitions) {
        StringBuilder m = new StringBuilder()
                .append(missing.size() == 1 ? "source topic " + missing.get(0) + " does not exist"
                        : "source topics " + String.join(", ", missing) + " do not exist")
                .append(" (Kafka Streams stops with an error without them and does not create them).\n")
                .append("  Debezium creates a CDC topic when its source connector starts and writes the first change: ")
                .append("register the connector (connect-configs/) and start this once its topic is there.\n")
                .append("  Or create it now, with as many partitions as topology instances may share it:");
        for (String topic : missing) {
            m.append("\n    ").append(createCommand(topic, partitions));
        }
        return m.toString();
    }

    private String createCommand(String topic, int partitions) {
        return "kafka-topics.sh --bootstrap-server " + bootstrapServers + " --create --topic " + topic
                + " --partitions " + partitions;
    }

    /** The broker's {@code auto.create.topics.enable}, or null when it cannot be read (e.g. not authorised). */
    private Boolean autoCreateTopics(Admin admin, Collection<Node> nodes, int timeoutMs) throws InterruptedException {
        if (nodes.isEmpty()) {
            return null;
        }
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
        try {
            Config config = admin.describeConfigs(List.of(broker), new DescribeConfigsOptions().timeoutMs(timeoutMs))
                    .all().get(timeoutMs + 5_000L, TimeUnit.MILLISECONDS).get(broker);
            ConfigEntry entry = config == null ? null : config.get("auto.create.topics.enable");
            return entry == null || entry.value() == null ? null : Boolean.parseBoolean(entry.value());
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("cannot read auto.create.topics.enable of broker {}: {}", broker.name(), e.toString());
            return null;
        }
    }

    /** A failed lookup of one topic; the cause says why. */
    private static final class TopicLookupException extends Exception {
        TopicLookupException(Throwable cause) {
            super(cause);
        }
    }

    private <T> T get(KafkaFuture<T> future, String what) throws InterruptedException, TopicLookupException {
        try {
            return future.get(timeout.toMillis() + 5_000L, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                throw unreachable(what, cause);
            }
            if (cause instanceof AuthenticationException) {
                throw new RunConfiguration.InvalidRunConfigurationException(configFile + ": Kafka at " + bootstrapServers
                        + " refused the credentials: " + cause.getMessage() + "; check security.protocol, sasl.* and "
                        + "ssl.* in " + configFile);
            }
            if (cause instanceof UnknownTopicOrPartitionException || cause instanceof AuthorizationException) {
                throw new TopicLookupException(cause);
            }
            throw new KafkaUnreachableException("Kafka at " + bootstrapServers + " failed to " + what + ": " + cause,
                    cause);
        }
    }

    private KafkaUnreachableException unreachable(String what, Throwable cause) {
        return new KafkaUnreachableException("cannot reach Kafka at " + bootstrapServers + ": no answer to '" + what
                + "' within " + timeout.toSeconds() + " s (" + cause.getMessage() + "). Check that the brokers are up "
                + "and that bootstrap.servers and the security settings (security.protocol, sasl.*, ssl.*) in "
                + configFile + " are right; --kafka-timeout sets how long to wait", cause);
    }
}
