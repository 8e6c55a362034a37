package io.cognitivecdc.pipeline;

import io.cognitivecdc.pipeline.expression.Expression;
import io.cognitivecdc.steps.Step;

import java.util.Map;

/**
 * A step of a pipeline with its input map: input name to the expression that computes it from the row's state.
 */
public record PipelineStep(Step step, Map<String, Expression> inputs) {

    public PipelineStep {
        inputs = Map.copyOf(inputs);
    }

    public String name() {
        return step.name();
    }
}
