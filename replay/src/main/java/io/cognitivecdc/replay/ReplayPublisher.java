package io.cognitivecdc.replay;

import io.cognitivecdc.deadletter.ReplayOutcome;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Republishes dead letters to the replay topic: each record's key and value bytes unchanged, so that the default
 * partitioner puts it on the partition (and so the task) its row's CDC records take, with the replay id in the
 * {@value ReplayOutcome#REPLAY_ID_HEADER} header so that the topology reports its outcome under that id.
 */
final class ReplayPublisher {

    /** What was published and what was not. */
    public record Result(List<StoredDeadLetter> published, List<Failure> failed) {
    }

    /** A dead letter that could not be published, and why. */
    public record Failure(StoredDeadLetter deadLetter, Exception error) {

        /** One line for an operator. */
        public String describe() {
            return deadLetter.describe() + "  (not published: " + error.getMessage() + ")";
        }
    }

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    /**
     * @param producer an idempotent producer with {@code acks=all} and the default partitioner; the caller closes it
     * @param topic    the replay topic
     */
    public ReplayPublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * A fresh replay id, e.g. {@code replay-20261121T193400Z-3f9a1c2e}: it says when, for an operator who finds it in
     * a later dead letter, and is unique without coordination.
     */
    public static String newReplayId(Instant now) {
        return "replay-" + ID_TIME.format(now) + "-" + String.format("%08x", new SecureRandom().nextInt());
    }

    /** Publishes {@code deadLetters} in order under {@code replayId} and waits until each is written or failed. */
    public Result publish(String replayId, List<StoredDeadLetter> deadLetters) {
        byte[] id = replayId.getBytes(StandardCharsets.UTF_8);
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        KafkaException refused = null;
        for (StoredDeadLetter letter : deadLetters) {
            if (refused != null) {
                // A send that throws (rather than failing its future) would throw again, after as long a wait.
                sends.add(CompletableFuture.failedFuture(refused));
                continue;
            }
            RecordHeaders headers = new RecordHeaders();
            headers.add(ReplayOutcome.REPLAY_ID_HEADER, id);
            try {
                sends.add(producer.send(new ProducerRecord<>(topic, null, null, letter.key(), letter.value(), headers)));
            } catch (KafkaException e) {
                refused = e;
                sends.add(CompletableFuture.failedFuture(e));
            }
        }
        producer.flush();

        List<StoredDeadLetter> published = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (int i = 0; i < deadLetters.size(); i++) {
            try {
                sends.get(i).get();
                published.add(deadLetters.get(i));
            } catch (ExecutionException e) {
                failed.add(new Failure(deadLetters.get(i), e.getCause() instanceof Exception cause ? cause : e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplayException("interrupted while publishing to " + topic, e);
            }
        }
        return new Result(published, failed);
    }
}
