package io.cognitivecdc.topology.internals;

import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.PipelineStep;
import io.cognitivecdc.pipeline.expression.Expression;
import io.cognitivecdc.pipeline.expression.StateView;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.state.EnrichmentStates;
import io.cognitivecdc.steps.StepFailedException;

import java.util.HashMap;
import java.util.Map;

/** How a row's steps are fed and when a finished step can be reused instead of asked again. */
public final class RowEnricher {

    private RowEnricher() {
    }

    /** The step's inputs, evaluated against the row's state; an expression that fails is an input problem. */
    public static Map<String, Object> inputs(PipelineStep step, EnrichmentState state) {
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

    public static String fingerprint(PipelineStep step, Map<String, Object> inputs) {
        return EnrichmentStates.inputFingerprint(step.step().definitionFingerprint(), inputs);
    }

    /** Whether the state already holds this step's output for exactly these inputs. */
    public static boolean isDone(EnrichmentState state, PipelineStep step, String fingerprint) {
        return fingerprint.equals(state.getStepInputs().get(step.name()))
                && state.getProcessed().containsKey(step.name());
    }

    /**
     * Whether every step's output in {@code state} was produced from the inputs the state has now, so that the row
     * needs no model call at all. Input problems count as "no": the work will report them.
     */
    public static boolean allStepsDone(Pipeline pipeline, EnrichmentState state) {
        if (state.getProcessed().size() < pipeline.steps().size()) {
            return false; // a step without output: no need to evaluate any input (new rows, the common case)
        }
        try {
            for (PipelineStep step : pipeline.steps()) {
                if (!isDone(state, step, fingerprint(step, inputs(step, state)))) {
                    return false;
                }
            }
            return true;
        } catch (StepFailedException e) {
            return false;
        }
    }
}
