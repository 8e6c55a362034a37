package io.cognitivecdc.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.cognitivecdc.replay.TestDeadLetters.decoder;
import static io.cognitivecdc.replay.TestDeadLetters.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterReaderTest {

    private static final String TOPIC = "enrich-tickets.dead-letter";
    private static final String REGISTRY = "http://registry:8080/apis/registry/v3";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    private DeadLetterReader reader() {
        return new DeadLetterReader(consumer, decoder(), REGISTRY, Duration.ofSeconds(5));
    }

    @SafeVarargs
    private void onFirstPoll(ConsumerRecord<byte[], byte[]>... records) {
        consumer.schedulePollTask(() -> {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                consumer.addRecord(record);
            }
        });
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset, byte[] value) {
        return new ConsumerRecord<>(TOPIC, tp.partition(), offset, "key".getBytes(StandardCharsets.UTF_8), value);
    }

    private static byte[] deadLetterBytes(String key) {
        return stored(0, 0, key, 10).value();
    }

    @Test
    void shouldReadEveryPartitionUpToTheEndItHadWhenReadingStarted() {
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, 2L, P1, 1L));
        onFirstPoll(record(P0, 0, deadLetterBytes("{\"id\":1}")), record(P0, 1, deadLetterBytes("{\"id\":2}")),
                record(P1, 0, deadLetterBytes("{\"id\":3}")),
                record(P0, 2, deadLetterBytes("{\"id\":4}")));

        DeadLetterReader.Snapshot snapshot = reader().read(TOPIC, 2);

        assertThat(snapshot.deadLetters()).extracting(l -> l.deadLetter().getKey())
                .containsExactlyInAnyOrder("{\"id\":1}", "{\"id\":2}", "{\"id\":3}");
        assertThat(snapshot.deadLetters()).filteredOn(l -> l.partition() == 1).singleElement()
                .satisfies(l -> {
                    assertThat(l.offset()).isZero();
                    assertThat(l.key()).asString(StandardCharsets.UTF_8).isEqualTo("key");
                    assertThat(l.value()).isEqualTo(deadLetterBytes("{\"id\":3}"));
                });
        assertThat(snapshot.undecodable()).isEmpty();
        assertThat(consumer.subscription()).as("no consumer group").isEmpty();
    }

    @Test
    void shouldReportAndSkipValuesThatCannotBeDecoded() {
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 3L));
        onFirstPoll(record(P0, 0, "not avro".getBytes(StandardCharsets.UTF_8)), record(P0, 1, null),
                record(P0, 2, deadLetterBytes("{\"id\":1}")));

        DeadLetterReader.Snapshot snapshot = reader().read(TOPIC, 1);

        assertThat(snapshot.deadLetters()).hasSize(1);
        assertThat(snapshot.undecodable()).extracting(DeadLetterReader.Undecodable::describe).containsExactly(
                "dead-letter 0/0: cannot be decoded: org.apache.kafka.common.errors.SerializationException: not a "
                        + "dead letter",
                "dead-letter 0/1: no value (a tombstone)");
    }

    @Test
    void shouldReadNothingFromAnEmptyTopic() {
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 0L));

        DeadLetterReader.Snapshot snapshot = reader().read(TOPIC, 1);

        assertThat(snapshot.deadLetters()).isEmpty();
        assertThat(snapshot.undecodable()).isEmpty();
    }

    @Test
    void shouldStopWhenTheSchemaRegistryCannotBeReachedRatherThanSkipEveryRecord() {
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 1L));
        onFirstPoll(record(P0, 0, deadLetterBytes("{\"id\":1}")));
        DeadLetterReader reader = new DeadLetterReader(consumer, (topic, bytes) -> {
            throw new SerializationException("cannot fetch schema 7", new ConnectException("Connection refused"));
        }, REGISTRY, Duration.ofSeconds(5));

        assertThatThrownBy(() -> reader.read(TOPIC, 1))
                .isInstanceOf(ReplayException.class)
                .hasMessageStartingWith("cannot reach the schema registry at " + REGISTRY + " to decode the dead "
                        + "letters (java.net.ConnectException: Connection refused)");
    }

    @Test
    void shouldGiveUpWhenReadingMakesNoProgress() {
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 5L));
        DeadLetterReader reader = new DeadLetterReader(consumer, decoder(), REGISTRY, Duration.ofMillis(50));

        assertThatThrownBy(() -> reader.read(TOPIC, 1))
                .isInstanceOf(ReplayException.class)
                .hasMessageStartingWith("reading dead-letter topic " + TOPIC + " made no progress for 50ms with 1 "
                        + "partition(s) not read to the end");
    }
}
