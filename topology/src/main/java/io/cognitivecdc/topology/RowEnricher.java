package io.cognitivecdc.topology;

import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.PipelineStep;
import io.cognitivecdc.pipeline.expression.Expression;
import io.cognitivecdc.pipeline.expression.StateView;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.state.EnrichmentStates;
import io.cognitivecdc.steps.StepFailedException;
import io.cognitivecdc.steps.StepOutput;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs a pipeline's steps on one row, in order, writing each finished step into the row's state. A step whose input
 * fingerprint matches the one it already ran on is reused, not asked again.
 */
public final class RowEnricher {

    private final Pipeline pipeline;
    private final LongSupplier clock;

    public RowEnricher(Pipeline pipeline, LongSupplier clock) {
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /**
     * Completes every unfinished step of {@code state}.
     *
     * @throws StepFailedException                  when a step cannot enrich this row
     * @throws io.cognitivecdc.llm.LlmCallException when a model call failed for a reason that may pass
     */
    public void enrich(EnrichmentState state) {
        for (PipelineStep step : pipeline.steps()) {
            Map<String, Object> inputs = inputs(step, state);
            String fingerprint = EnrichmentStates.inputFingerprint(step.step().definitionFingerprint(), inputs);
            if (fingerprint.equals(state.getStepInputs().get(step.name()))
                    && state.getProcessed().containsKey(step.name())) {
                continue;
            }
            StepOutput output = step.step().run(inputs, state.getKey());
            EnrichmentStates.recordStep(state, step.name(), output, fingerprint, clock.getAsLong());
        }
    }

    private static Map<String, Object> inputs(PipelineStep step, EnrichmentState state) {
        StateView view = new StateView(state);
        Map<String, Object> inputs = new HashMap<>();
        for (Map.Entry<String, Expression> input : step.inputs().entrySet()) {
            try {
                inputs.put(input.getKey(), input.getValue().evaluate(view));
            } catch (RuntimeException e) {
                throw StepFailedException.input(step.name(), StepFailedException.Kind.INPUT_INVALID,
                        "input '" + input.getKey() + "' (" + input.getValue().source() + "): " + e.getMessage());
            }
        }
        return inputs;
    }
}
