package io.cognitivecdc.replay;

import io.cognitivecdc.deadletter.ReplayOutcome;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.cognitivecdc.replay.TestDeadLetters.NOW;
import static io.cognitivecdc.replay.TestDeadLetters.deadLetter;
import static io.cognitivecdc.replay.TestDeadLetters.stored;
import static org.assertj.core.api.Assertions.assertThat;

class OutcomeWaiterTest {

    private static final String TOPIC = "enrich-tickets.replay-results";
    private static final TopicPartition RESULTS = new TopicPartition(TOPIC, 0);
    private static final String REPLAY_ID = "replay-20261121T120000Z-0000002a";
    private static final long END = 40;

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final OutcomeWaiter waiter = new OutcomeWaiter(consumer, TOPIC, 1);
    private final List<OutcomeWaiter.Tally> progress = new ArrayList<>();
    private long nextOffset = END;

    private final StoredDeadLetter one = stored(0, 1, "{\"id\":1}", 30);
    private final StoredDeadLetter two = stored(0, 2, "{\"id\":2}", 20);
    private final StoredDeadLetter three = stored(1, 1, "{\"id\":3}", 10);

    @BeforeEach
    void topicWithEarlierRecords() {
        consumer.updateBeginningOffsets(Map.of(RESULTS, 0L));
        consumer.updateEndOffsets(Map.of(RESULTS, END));
        waiter.startAtEnd();
    }

    private void willAnswer(String replayId, String value) {
        long offset = nextOffset++;
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, replayId, value)));
    }

    private void willAnswer(String key, Outcome outcome, String message) {
        willAnswer(REPLAY_ID, new ReplayOutcome(REPLAY_ID, key, outcome, message).toJson());
    }

    private OutcomeWaiter.Outcomes await(List<StoredDeadLetter> published, Duration timeout) {
        return waiter.await(REPLAY_ID, published, timeout, progress::add);
    }

    @Test
    void shouldStartAfterTheOutcomesAlreadyOnTheTopic() {
        assertThat(consumer.position(RESULTS)).isEqualTo(END);
    }

    @Test
    void shouldCollectOneOutcomePerPublishedDeadLetterAndStopWhenAllHaveOne() {
        willAnswer("{\"id\":2}", Outcome.STALE, "the row was enriched since it failed");
        willAnswer("{\"id\":1}", Outcome.REPLAYED, null);
        willAnswer("{\"id\":3}", Outcome.FAILED_AGAIN, "INVALID_OUTPUT: category 'x' is not in the taxonomy");

        long started = System.nanoTime();
        OutcomeWaiter.Outcomes outcomes = await(List.of(one, two, three), Duration.ofMinutes(1));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(outcomes.pending()).isEmpty();
        assertThat(outcomes.answered()).extracting(a -> a.deadLetter(), a -> a.outcome().outcome())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(two, Outcome.STALE),
                        org.assertj.core.groups.Tuple.tuple(one, Outcome.REPLAYED),
                        org.assertj.core.groups.Tuple.tuple(three, Outcome.FAILED_AGAIN));
        assertThat(outcomes.count(Outcome.REPLAYED)).isEqualTo(1);
        assertThat(progress).first().isEqualTo(new OutcomeWaiter.Tally(0, 1, 0, 2));
        assertThat(progress).last().isEqualTo(new OutcomeWaiter.Tally(1, 1, 1, 0));
    }

    @Test
    void shouldReportWhatHasNoOutcomeAtTheTimeoutAsPending() {
        willAnswer("{\"id\":1}", Outcome.REPLAYED, null);

        OutcomeWaiter.Outcomes outcomes = await(List.of(one, two), Duration.ofMillis(300));

        assertThat(outcomes.answered()).extracting(OutcomeWaiter.Answered::deadLetter).containsExactly(one);
        assertThat(outcomes.pending()).containsExactly(two);
    }

    @Test
    void shouldIgnoreOutcomesOfOtherReplaysDuplicatesAndRecordsThatAreNoOutcome() {
        willAnswer("replay-another", new ReplayOutcome("replay-another", "{\"id\":1}", Outcome.FAILED_AGAIN, "x")
                .toJson());
        willAnswer(REPLAY_ID, "not json");
        willAnswer(REPLAY_ID, null);
        willAnswer("{\"id\":1}", Outcome.REPLAYED, null);
        willAnswer("{\"id\":1}", Outcome.FAILED_AGAIN, "a duplicate");

        OutcomeWaiter.Outcomes outcomes = await(List.of(one, two), Duration.ofMillis(300));

        assertThat(outcomes.answered()).singleElement().satisfies(a -> {
            assertThat(a.deadLetter()).isSameAs(one);
            assertThat(a.outcome().outcome()).isEqualTo(Outcome.REPLAYED);
        });
        assertThat(outcomes.pending()).containsExactly(two);
    }

    @Test
    void shouldMatchOutcomesOfDeadLettersWithoutKeyInPublishingOrder() {
        StoredDeadLetter undecodedA = stored(0, 7, deadLetter(null, null, "UNDECODABLE_RECORD", NOW));
        StoredDeadLetter undecodedB = stored(0, 8, deadLetter(null, null, "UNDECODABLE_RECORD", NOW));
        willAnswer("{\"id\":9}", Outcome.REPLAYED, null);
        willAnswer(null, Outcome.FAILED_AGAIN, "UNDECODABLE_RECORD: still not Avro");

        OutcomeWaiter.Outcomes outcomes = await(List.of(undecodedA, one, undecodedB), Duration.ofMillis(300));

        assertThat(outcomes.answered()).extracting(OutcomeWaiter.Answered::deadLetter)
                .containsExactly(undecodedA, undecodedB);
        assertThat(outcomes.pending()).containsExactly(one);
    }
}
