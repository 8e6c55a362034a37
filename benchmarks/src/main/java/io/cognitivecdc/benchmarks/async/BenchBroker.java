package io.cognitivecdc.benchmarks.async;

import io.cognitivecdc.benchmarks.ChangeRows;
import io.cognitivecdc.benchmarks.FramedAvroSerde;
import io.cognitivecdc.localstack.kafka.EmbeddedKafkaBroker;
import io.cognitivecdc.topology.EnrichmentSerdes;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The in-process broker as the cells use it: fresh topics per cell, rows produced before a topology starts, the
 * output read back {@code read_committed}, and one set of registry-less serdes for producer, topology and consumer.
 */
final class BenchBroker implements AutoCloseable {

    /** Partitions of every topic: the topology runs this many tasks. */
    static final int PARTITIONS = 2;

    /** A cell's topics. */
    record Topics(String in, String out) {
    }

    private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    private final Serde<GenericRecord> serde = new FramedAvroSerde.Store().serde();
    private final AtomicInteger cells = new AtomicInteger();

    /** New input and output topics: no cell reads another's rows. */
    Topics freshTopics() {
        int cell = cells.incrementAndGet();
        Topics topics = new Topics("bench.in." + cell, "bench.out." + cell);
        broker.createTopics(PARTITIONS, topics.in(), topics.out());
        return topics;
    }

    Serde<GenericRecord> serde() {
        return serde;
    }

    /** The serdes of an enrichment topology; the topology may close them, they hold nothing. */
    EnrichmentSerdes enrichmentSerdes() {
        return new EnrichmentSerdes(serde, serde, serde, serde);
    }

    /** Produces the events to {@code topic}, keyed by their row's key as Debezium keys them, and waits for the acks. */
    void produce(String topic, Stream<GenericRecord> events) {
        try (KafkaProducer<GenericRecord, GenericRecord> producer = producer()) {
            events.forEach(event -> producer.send(new ProducerRecord<>(topic, ChangeRows.keyOf(event), event)));
            producer.flush();
        }
    }

    private KafkaProducer<GenericRecord, GenericRecord> producer() {
        // Batched and compressed: producing the rows is set-up, not what a cell measures.
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.put(ProducerConfig.ACKS_CONFIG, "1");
        return new KafkaProducer<>(c, serde.serializer(), serde.serializer());
    }

    /** A consumer of every partition of {@code topic} from the start, seeing committed transactions only. */
    KafkaConsumer<byte[], byte[]> outputConsumer(String topic) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = partitions(topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /**
     * Streams settings of one topology run: a fresh {@code application.id} (no offsets or changelogs of an earlier
     * cell) and one stream thread, so that every cell has the same tasks on the same thread.
     */
    Map<String, Object> streamsConfig(String name, Path stateDir) {
        Map<String, Object> c = new HashMap<>();
        c.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + name + "-" + cells.get() + "-" + UUID.randomUUID());
        c.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        c.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        return c;
    }

    /** Whether the group {@code applicationId} has committed input offsets up to the end of {@code topic}. */
    boolean consumedAll(String applicationId, String topic) throws InterruptedException {
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions(topic).forEach(p -> latest.put(p, OffsetSpec.latest()));
            long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(r -> r.offset()).sum();
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
            long done = committed.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
            return done >= end;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + topic, e.getCause());
        }
    }

    private static List<TopicPartition> partitions(String topic) {
        return IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList();
    }

    @Override
    public void close() {
        broker.close();
    }
}
