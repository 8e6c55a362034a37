package io.cognitivecdc.replay;

import io.cognitivecdc.deadletter.DeadLetters;
import io.cognitivecdc.llm.Durations;
import io.cognitivecdc.schemas.DeadLetter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * Reads the dead-letter topic from its beginning up to the end offsets it has when reading starts: a snapshot, so
 * that dead letters written meanwhile (by this very replay, among others) are not read. It assigns the partitions
 * itself and commits nothing: no consumer group is involved.
 */
final class DeadLetterReader {

    private static final Duration POLL = Duration.ofMillis(500);

    /** What was read. */
    public record Snapshot(List<StoredDeadLetter> deadLetters, List<Undecodable> undecodable) {
    }

    /** A record whose value is not a dead letter that can be read, and why. */
    public record Undecodable(int partition, long offset, String reason) {

        /** One line for an operator. */
        public String describe() {
            return "dead-letter " + partition + "/" + offset + ": " + reason;
        }
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<GenericRecord> deserializer;
    private final String registryUrl;
    private final Duration stallTimeout;
    private final LongSupplier nanoTime;

    /**
     * @param consumer     a consumer with no group, reading committed records only; the caller closes it
     * @param deserializer the dead-letter serde's deserializer
     * @param registryUrl  the registry that deserializer asks, for messages
     * @param stallTimeout how long reading may go without progress before Kafka counts as unreachable
     */
    public DeadLetterReader(Consumer<byte[], byte[]> consumer, Deserializer<GenericRecord> deserializer,
                            String registryUrl, Duration stallTimeout) {
        this(consumer, deserializer, registryUrl, stallTimeout, System::nanoTime);
    }

    DeadLetterReader(Consumer<byte[], byte[]> consumer, Deserializer<GenericRecord> deserializer, String registryUrl,
                     Duration stallTimeout, LongSupplier nanoTime) {
        this.consumer = consumer;
        this.deserializer = deserializer;
        this.registryUrl = registryUrl;
        this.stallTimeout = stallTimeout;
        this.nanoTime = nanoTime;
    }

    /**
     * Reads {@code topic}'s partitions {@code 0..partitions-1} up to their current end.
     *
     * @throws ReplayException if reading stalls for the stall timeout, or the registry cannot be reached
     */
    public Snapshot read(String topic, int partitions) {
        List<TopicPartition> assigned = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p))
                .toList();
        consumer.assign(assigned);
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
        consumer.seekToBeginning(assigned);

        List<StoredDeadLetter> deadLetters = new ArrayList<>();
        List<Undecodable> undecodable = new ArrayList<>();
        Set<TopicPartition> remaining = new HashSet<>(assigned);
        long lastProgress = nanoTime.getAsLong();
        while (true) {
            // Positions, not record offsets: with read_committed, transaction markers and aborted records take
            // offsets that no record returned will have.
            if (remaining.removeIf(tp -> consumer.position(tp) >= end.get(tp))) {
                lastProgress = nanoTime.getAsLong();
            }
            if (remaining.isEmpty()) {
                return new Snapshot(deadLetters, undecodable);
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                    continue;
                }
                decode(record, deadLetters, undecodable);
            }
            if (!records.isEmpty()) {
                lastProgress = nanoTime.getAsLong();
            } else if (nanoTime.getAsLong() - lastProgress > stallTimeout.toNanos()) {
                throw new ReplayException("reading dead-letter topic " + topic + " made no progress for "
                        + Durations.format(stallTimeout) + " with " + remaining.size() + " partition(s) not read to "
                        + "the end; check that the brokers are up (--kafka-timeout sets how long to wait)");
            }
        }
    }

    private void decode(ConsumerRecord<byte[], byte[]> record, List<StoredDeadLetter> deadLetters,
                        List<Undecodable> undecodable) {
        if (record.value() == null) {
            undecodable.add(new Undecodable(record.partition(), record.offset(), "no value (a tombstone)"));
            return;
        }
        try {
            GenericRecord generic = deserializer.deserialize(record.topic(), record.headers(), record.value());
            DeadLetter deadLetter = DeadLetters.fromGeneric(generic);
            deadLetters.add(new StoredDeadLetter(record.partition(), record.offset(), record.key(), record.value(),
                    deadLetter));
        } catch (RuntimeException e) {
            Throwable unreachable = networkFailure(e);
            if (unreachable != null) {
                throw new ReplayException("cannot reach the schema registry at " + registryUrl + " to decode the dead "
                        + "letters (" + unreachable + "); check schema.registry.url and that the registry is up", e);
            }
            undecodable.add(new Undecodable(record.partition(), record.offset(), "cannot be decoded: " + e));
        }
    }

    /** The network failure behind {@code error}, if any: then the registry, not the record, is the problem. */
    private static Throwable networkFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException
                    || cause instanceof HttpTimeoutException) {
                return cause;
            }
        }
        return null;
    }
}
