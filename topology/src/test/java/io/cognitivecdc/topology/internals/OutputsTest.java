package io.cognitivecdc.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.deadletter.DeadLetters;
import io.cognitivecdc.deadletter.ReplayOutcome;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import io.cognitivecdc.schemas.DeadLetter;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.junit.jupiter.api.Test;

import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_KEY;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.key;

class OutputsTest {

    private final MockProcessorContext<Object, Object> context = Fixtures.context();
    private final Outputs outputs = new Outputs(context, "enriched", "dead-letters", "replay-results");

    private List<CapturedForward<?, ?>> forwardedTo(String sink) {
        return context.forwarded(sink).stream().<CapturedForward<?, ?>>map(f -> f).toList();
    }

    @Test
    void shouldSendATombstoneUnderTheRowKeyToTheEnrichedTopic() {
        GenericRecord rowKey = key(PG_KEY, 7);

        outputs.tombstone(rowKey);

        assertThat(forwardedTo("enriched")).singleElement().satisfies(forward -> {
            assertThat(forward.record().key()).isEqualTo(rowKey);
            assertThat(forward.record().value()).isNull();
        });
    }

    @Test
    void shouldSendDeadLettersAtTheirFailureTimeToTheDeadLetterTopic() {
        DeadLetter letter = DeadLetters.forRecord("{\"id\":7}", "UNDECODABLE_RECORD", "bad", "t", 0, 1,
                new byte[] {1}, new byte[] {2}, "app", null, 1234);

        outputs.deadLetter(new byte[] {1}, letter);

        assertThat(forwardedTo("dead-letters")).singleElement().satisfies(forward -> {
            assertThat(forward.record().value()).isSameAs(letter);
            assertThat(forward.record().timestamp()).isEqualTo(1234);
        });
        assertThat(forwardedTo("enriched")).isEmpty();
    }

    @Test
    void shouldSendReplayOutcomesAsJsonKeyedByTheirRun() {
        outputs.outcome("run-1", "{\"id\":7}", Outcome.STALE, "the row was deleted");

        assertThat(forwardedTo("replay-results")).singleElement().satisfies(forward -> {
            assertThat(forward.record().key()).isEqualTo("run-1");
            assertThat(ReplayOutcome.fromJson((String) forward.record().value()))
                    .isEqualTo(new ReplayOutcome("run-1", "{\"id\":7}", Outcome.STALE, "the row was deleted"));
        });
    }
}
