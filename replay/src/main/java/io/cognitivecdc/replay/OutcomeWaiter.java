package io.cognitivecdc.replay;

import io.cognitivecdc.deadletter.ReplayOutcome;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * Collects the topology's outcomes of one replay from the replay-results topic (key = replay id, value =
 * {@link ReplayOutcome} JSON) until every published dead letter has one or the time is up. What has none by then is
 * pending: the topology holds it (a model outage, say) and reports it when it finishes.
 */
final class OutcomeWaiter {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeWaiter.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** A published dead letter and the topology's answer. */
    public record Answered(StoredDeadLetter deadLetter, ReplayOutcome outcome) {
    }

    /** The answers, and the dead letters still without one. */
    public record Outcomes(List<Answered> answered, List<StoredDeadLetter> pending) {

        /** How many answers are {@code outcome}. */
        public int count(Outcome outcome) {
            return (int) answered.stream().filter(a -> a.outcome().outcome() == outcome).count();
        }
    }

    /** How many of each outcome so far, and how many are pending. */
    public record Tally(int replayed, int stale, int failedAgain, int pending) {

        /** How many were published. */
        public int total() {
            return replayed + stale + failedAgain + pending;
        }

        Tally with(Outcome outcome) {
            return switch (outcome) {
                case REPLAYED -> new Tally(replayed + 1, stale, failedAgain, pending - 1);
                case STALE -> new Tally(replayed, stale + 1, failedAgain, pending - 1);
                case FAILED_AGAIN -> new Tally(replayed, stale, failedAgain + 1, pending - 1);
            };
        }
    }

    private final Consumer<String, String> consumer;
    private final List<TopicPartition> partitions;
    private final LongSupplier nanoTime;

    /**
     * @param consumer   a consumer with no group, reading committed records only; the caller closes it
     * @param topic      the replay-results topic
     * @param partitions its partition count
     */
    public OutcomeWaiter(Consumer<String, String> consumer, String topic, int partitions) {
        this(consumer, topic, partitions, System::nanoTime);
    }

    OutcomeWaiter(Consumer<String, String> consumer, String topic, int partitions, LongSupplier nanoTime) {
        this.consumer = consumer;
        this.partitions = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
        this.nanoTime = nanoTime;
    }

    /** Starts reading at the topic's current end. Call it before publishing, so that no outcome comes earlier. */
    public void startAtEnd() {
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: asking for the positions fixes them now rather than at the first poll, after publishing.
        partitions.forEach(consumer::position);
    }

    /**
     * Waits up to {@code timeout} for the outcomes of {@code published}, calling {@code progress} after every poll.
     */
    public Outcomes await(String replayId, List<StoredDeadLetter> published, Duration timeout,
                         java.util.function.Consumer<Tally> progress) {
        Pending pending = new Pending(published);
        List<Answered> answered = new ArrayList<>();
        Tally tally = new Tally(0, 0, 0, published.size());
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        while (!pending.isEmpty()) {
            long left = deadline - nanoTime.getAsLong();
            if (left <= 0) {
                break;
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofNanos(Math.min(left, POLL.toNanos())))) {
                if (!replayId.equals(record.key()) || record.value() == null) {
                    continue;
                }
                ReplayOutcome outcome;
                try {
                    outcome = ReplayOutcome.fromJson(record.value());
                } catch (IllegalArgumentException e) {
                    LOG.warn("Skipping the record at {}-{} offset {} of replay {}: {}", record.topic(),
                            record.partition(), record.offset(), replayId, e.getMessage());
                    continue;
                }
                StoredDeadLetter letter = pending.take(outcome.key());
                if (letter != null) {
                    answered.add(new Answered(letter, outcome));
                    tally = tally.with(outcome.outcome());
                }
            }
            progress.accept(tally);
        }
        return new Outcomes(List.copyOf(answered), pending.list());
    }

    /**
     * The published dead letters without an outcome. An outcome names its row by key JSON, which is unique among
     * them (one dead letter per row is replayed). A dead letter without a key JSON could not be keyed when it failed;
     * its outcome names none, or the key the topology found on parsing it again: those are matched in publishing
     * order, since only their count can be told apart.
     */
    private static final class Pending {

        private final Map<String, StoredDeadLetter> keyed = new LinkedHashMap<>();
        private final Deque<StoredDeadLetter> unkeyed = new ArrayDeque<>();

        Pending(List<StoredDeadLetter> published) {
            for (StoredDeadLetter letter : published) {
                if (letter.deadLetter().getKey() == null) {
                    unkeyed.add(letter);
                } else {
                    keyed.put(letter.deadLetter().getKey(), letter);
                }
            }
        }

        /** The dead letter {@code key}'s outcome answers, removed; null if none is pending (a duplicate outcome). */
        StoredDeadLetter take(String key) {
            StoredDeadLetter letter = key == null ? null : keyed.remove(key);
            if (letter == null) {
                letter = unkeyed.poll();
            }
            if (letter == null && key == null && !keyed.isEmpty()) {
                // The topology could not read a dead letter that this command could: it answers without a key.
                Iterator<StoredDeadLetter> first = keyed.values().iterator();
                letter = first.next();
                first.remove();
            }
            return letter;
        }

        boolean isEmpty() {
            return keyed.isEmpty() && unkeyed.isEmpty();
        }

        List<StoredDeadLetter> list() {
            List<StoredDeadLetter> all = new ArrayList<>(keyed.values());
            all.addAll(unkeyed);
            return all;
        }
    }
}
