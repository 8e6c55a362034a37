package io.cognitivecdc.topology.internals;

import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_KEY;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.llm.FakeChatModel;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.PipelineStep;
import io.cognitivecdc.pipeline.TestPipelines;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.state.EnrichmentStates;
import io.cognitivecdc.topology.EnrichedRows;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FinishedRowsTest {

    private final Pipeline pipeline = TestPipelines.visits(new FakeChatModel());
    private final MockProcessorContext<Object, Object> context = Fixtures.context();
    private final Outputs outputs = new Outputs(context, "enriched", "dead-letters", "replay-results");
    private final FinishedRows finished = new FinishedRows(new EnrichedRows(pipeline), outputs);

    @AfterEach
    void close() {
        pipeline.close();
    }

    /** The row with every step run for real against the fake model. */
    private EnrichmentState enriched(int id) {
        EnrichmentState state = Rows.pending(id, "Outpatient check.");
        for (PipelineStep step : pipeline.steps()) {
            Map<String, Object> inputs = RowEnricher.inputs(step, state);
            EnrichmentStates.recordStep(state, step.name(), step.step().run(inputs, state.getKey()),
                    RowEnricher.fingerprint(step, inputs), 0);
        }
        return state;
    }

    @Test
    void shouldEmitTheRowAndMarkItDone() {
        EnrichmentState state = enriched(7);
        state.setPendingSeq(3L);

        finished.finish(key(PG_KEY, 7), state, false, 50);

        assertThat(context.forwarded("enriched")).hasSize(1);
        assertThat(state.getStatus()).isEqualTo(EnrichmentStatus.DONE);
        assertThat(state.getPendingSeq()).isNull();
        assertThat(state.getOutputFingerprint()).isNotNull();
    }

    @Test
    void shouldNotEmitTheSameRowAgainWhenNoStepHadToRun() {
        EnrichmentState state = enriched(7);
        finished.finish(key(PG_KEY, 7), state, false, 50);
        context.resetForwards();

        finished.finish(key(PG_KEY, 7), state, true, 90);

        assertThat(context.forwarded()).as("the sink's own write came back: no loop").isEmpty();
    }

    @Test
    void shouldEmitAgainWhenAStepRanEvenIfTheRowIsTheSame() {
        EnrichmentState state = enriched(7);
        finished.finish(key(PG_KEY, 7), state, false, 50);
        context.resetForwards();

        finished.finish(key(PG_KEY, 7), state, false, 90);

        assertThat(context.forwarded("enriched")).hasSize(1);
    }

    @Test
    void shouldReportAReplayedRowAsReplayed() {
        EnrichmentState state = enriched(7);
        state.setReplayId("run-1");

        finished.finish(key(PG_KEY, 7), state, false, 50);

        assertThat(context.forwarded("replay-results")).hasSize(1);
        assertThat(state.getReplayId()).isNull();
    }
}
