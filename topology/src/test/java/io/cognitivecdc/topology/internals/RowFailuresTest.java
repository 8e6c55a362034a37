package io.cognitivecdc.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.topology.EnrichmentFailure;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

class RowFailuresTest {

    private final MockProcessorContext<Object, Object> context = Fixtures.context();
    private final List<EnrichmentFailure> told = new ArrayList<>();
    private final RowFailures failures = new RowFailures(
            new Outputs(context, "enriched", "dead-letters", "replay-results"), told::add, "app");

    private static Completion.Failed invalidOutput() {
        return new Completion.Failed(Rows.key(7), 1, 3, "visit_type", "INVALID_OUTPUT", "category 'x' is not in the "
                + "taxonomy", List.of("$.category: not in the taxonomy"), 4, false, 0);
    }

    @Test
    void shouldMarkTheRowFailedAndDeadLetterItWithItsPartialState() {
        EnrichmentState state = Rows.pending(7, "x".repeat(100_000));
        state.setPendingSeq(3L);

        failures.failed(Rows.key(7), state, invalidOutput(), 77);

        assertThat(state.getStatus()).isEqualTo(EnrichmentStatus.FAILED);
        assertThat(state.getPendingSeq()).isNull();
        assertThat(state.getLastError()).isEqualTo("INVALID_OUTPUT: category 'x' is not in the taxonomy");
        assertThat(context.forwarded("dead-letters")).singleElement().satisfies(forward -> {
            DeadLetter letter = (DeadLetter) forward.record().value();
            assertThat(letter.getStep()).isEqualTo("visit_type");
            assertThat(letter.getAttempts()).isEqualTo(4);
            assertThat(letter.getValidationErrors()).containsExactly("$.category: not in the taxonomy");
            assertThat(letter.getState().getRaw().get("clinical_notes").toString()).contains("[cut:");
        });
        assertThat(state.getRaw().get("clinical_notes").toString()).as("the store keeps the whole text").hasSize(100_000);
        assertThat(told).singleElement().satisfies(f -> assertThat(f.errorType()).isEqualTo("INVALID_OUTPUT"));
    }

    @Test
    void shouldTellAWaitingReplayThatTheRowFailedAgain() {
        EnrichmentState state = Rows.pending(7, "notes");
        state.setReplayId("run-1");

        failures.failed(Rows.key(7), state, invalidOutput(), 77);

        assertThat(context.forwarded("replay-results")).hasSize(1);
        assertThat(state.getReplayId()).isNull();
    }
}
