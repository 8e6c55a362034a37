package io.cognitivecdc.replay;

import io.cognitivecdc.llm.Durations;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The Kafka clients of a replay, made from the running instance's settings (so the same bootstrap servers,
 * security settings and {@code consumer.}/{@code producer.} overrides apply), and closed together.
 */
final class ReplayClients implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final StreamsConfig streams;
    private final String clientId;
    private final String configFile;
    private final Duration timeout;
    private final String bootstrapServers;
    private final Deque<Runnable> closers = new ArrayDeque<>();
    private Admin admin;

    /**
     * @param streams    the instance's Kafka Streams settings
     * @param configFile the file they come from, for messages
     * @param timeout    how long Kafka gets to answer
     */
    public ReplayClients(StreamsConfig streams, String configFile, Duration timeout) {
        this.streams = streams;
        this.clientId = streams.getString(StreamsConfig.APPLICATION_ID_CONFIG) + "-replay";
        this.configFile = configFile;
        this.timeout = timeout;
        this.bootstrapServers = String.join(",", streams.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** The Kafka cluster's bootstrap servers, for messages. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The partition count of each of {@code topics} that exists; a missing topic is left out.
     *
     * @throws ReplayException if Kafka does not answer in time, refuses the credentials, or may not be asked
     */
    public Map<String, Integer> partitions(Collection<String> topics) {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        if (admin == null) {
            admin = open(() -> Admin.create(streams.getAdminConfigs(clientId + "-admin")), a -> a.close(CLOSE_TIMEOUT));
        }
        try {
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics,
                    new DescribeTopicsOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())))
                    .topicNameValues();
            for (String topic : topics) {
                try {
                    partitions.put(topic, described.get(topic)
                            .get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS).partitions().size());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw failure(topic, e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw failure(topic, e);
                }
            }
            return partitions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while asking Kafka at " + bootstrapServers + " for the topics", e);
        }
    }

    private ReplayException failure(String topic, Throwable cause) {
        if (cause instanceof AuthenticationException) {
            return new ReplayException("Kafka at " + bootstrapServers + " refused the credentials: "
                    + cause.getMessage() + "; check security.protocol, sasl.* and ssl.* in " + configFile, cause);
        }
        if (cause instanceof AuthorizationException) {
            return new ReplayException("not allowed to describe topic " + topic + " on Kafka at " + bootstrapServers
                    + ": " + cause.getMessage() + "; replay needs DESCRIBE and READ on the dead-letter and "
                    + "replay-results topics, and DESCRIBE and WRITE on the replay topic", cause);
        }
        return new ReplayException("cannot reach Kafka at " + bootstrapServers + ": no answer about topic " + topic
                + " within " + Durations.format(timeout) + " (" + cause.getMessage() + "). Check that the brokers are "
                + "up and that bootstrap.servers and the security settings (security.protocol, sasl.*, ssl.*) in "
                + configFile + " are right; --kafka-timeout sets how long to wait", cause);
    }

    /** A consumer of raw records with no group, for the dead-letter topic. */
    public Consumer<byte[], byte[]> deadLetterConsumer() {
        return open(() -> new KafkaConsumer<>(consumerConfig("dead-letters"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()), ReplayClients::close);
    }

    /** A consumer of text records with no group, for the replay-results topic. */
    public Consumer<String, String> resultsConsumer() {
        return open(() -> new KafkaConsumer<>(consumerConfig("results"), new StringDeserializer(),
                new StringDeserializer()), ReplayClients::close);
    }

    private Map<String, Object> consumerConfig(String purpose) {
        // The restore consumer's settings are the Streams settings of a consumer that assigns its partitions itself.
        Map<String, Object> config = streams.getRestoreConsumerConfigs(clientId + "-" + purpose);
        // Dead letters and outcomes are written in the topology's transactions: an aborted one's records never were.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        // Asking for a missing topic must not create it with the broker's default partition count.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return config;
    }

    /**
     * An idempotent producer ({@code acks=all}) with the default partitioner, so that a replayed record lands on the
     * partition number its row has on the CDC topic, whatever partitioner the instance's own producer uses.
     */
    public Producer<byte[], byte[]> replayProducer() {
        Map<String, Object> config = streams.getProducerConfigs(clientId + "-publisher");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.PARTITIONER_CLASS_CONFIG);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        if (Integer.valueOf(Integer.MAX_VALUE).equals(config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG))) {
            // Exactly-once Streams never gives up on a send; a command should, with the producer's own default.
            config.remove(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        }
        return open(() -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()),
                p -> p.close(CLOSE_TIMEOUT));
    }

    private static void close(Consumer<?, ?> consumer) {
        consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    }

    private <T> T open(Supplier<T> maker, java.util.function.Consumer<T> closer) {
        T client;
        try {
            client = maker.get();
        } catch (KafkaException e) {
            throw new ReplayException(configFile + ": cannot make a Kafka client from these settings "
                    + "(bootstrap.servers = " + bootstrapServers + "): "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
        closers.push(() -> closer.accept(client));
        return client;
    }

    /** Closes every client made, newest first. */
    @Override
    public void close() {
        while (!closers.isEmpty()) {
            closers.pop().run();
        }
    }
}
