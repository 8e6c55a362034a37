package io.cognitivecdc.replay;

import io.cognitivecdc.deadletter.ReplayOutcome;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cognitivecdc.replay.TestDeadLetters.stored;
import static org.assertj.core.api.Assertions.assertThat;

class ReplayPublisherTest {

    private static final String REPLAY_TOPIC = "enrich-tickets.replay";
    private static final String REPLAY_ID = "replay-20261121T120000Z-0000002a";

    private final StoredDeadLetter first = stored(0, 3, "{\"id\":1}", 20);
    private final StoredDeadLetter second = stored(1, 5, "{\"id\":2}", 10);

    @Test
    void shouldRepublishKeyAndValueBytesUnchangedWithTheReplayIdHeader() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());

        ReplayPublisher.Result result = new ReplayPublisher(producer, REPLAY_TOPIC).publish(REPLAY_ID,
                List.of(first, second));

        assertThat(result.published()).containsExactly(first, second);
        assertThat(result.failed()).isEmpty();
        assertThat(producer.history()).hasSize(2);
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo(REPLAY_TOPIC);
        assertThat(sent.partition()).as("left to the default partitioner, as on the CDC topic").isNull();
        assertThat(sent.key()).isSameAs(first.key());
        assertThat(sent.value()).isSameAs(first.value());
        assertThat(new String(sent.headers().lastHeader(ReplayOutcome.REPLAY_ID_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo(REPLAY_ID);
    }

    @Test
    void shouldReportTheDeadLettersWhoseSendFailed() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                completeNext();
                errorNext(new TopicAuthorizationException("not authorized to write " + REPLAY_TOPIC));
            }
        };

        ReplayPublisher.Result result = new ReplayPublisher(producer, REPLAY_TOPIC).publish(REPLAY_ID,
                List.of(first, second));

        assertThat(result.published()).containsExactly(first);
        assertThat(result.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.deadLetter()).isSameAs(second);
            assertThat(failure.describe()).startsWith("dead-letter 1/5  key {\"id\":2}")
                    .endsWith("(not published: not authorized to write " + REPLAY_TOPIC + ")");
        });
    }

    @Test
    void shouldStopSendingOnceASendThrows() {
        AtomicInteger sends = new AtomicInteger();
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                sends.incrementAndGet();
                throw new TimeoutException("Topic " + REPLAY_TOPIC + " not present in metadata after 30000 ms");
            }
        };

        ReplayPublisher.Result result = new ReplayPublisher(producer, REPLAY_TOPIC).publish(REPLAY_ID,
                List.of(first, second));

        assertThat(sends).as("each further send would block as long").hasValue(1);
        assertThat(result.published()).isEmpty();
        assertThat(result.failed()).extracting(ReplayPublisher.Failure::deadLetter).containsExactly(first, second);
        assertThat(result.failed()).allSatisfy(failure -> assertThat(failure.error())
                .hasMessageContaining("not present in metadata"));
    }

    @Test
    void shouldMakeReplayIdsThatSayWhenAndDiffer() {
        Instant now = Instant.parse("2026-11-21T19:34:00Z");

        String id = ReplayPublisher.newReplayId(now);

        assertThat(id).matches("replay-20261121T193400Z-[0-9a-f]{8}");
        assertThat(ReplayPublisher.newReplayId(now)).isNotEqualTo(id);
    }
}
