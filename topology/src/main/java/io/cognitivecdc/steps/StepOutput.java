package io.cognitivecdc.steps;

import io.cognitivecdc.llm.TokenUsage;

import java.util.Map;

/**
 * A step's validated result.
 *
 * @param fields    the output fields (for the classifier: category, confidence, reasoning, needs_review)
 * @param model     the provider/model that answered
 * @param attempts  model calls made, corrective retries included
 * @param usage     tokens of all those calls
 * @param latencyMs wall time of the step
 */
public record StepOutput(Map<String, Object> fields, String model, int attempts, TokenUsage usage, long latencyMs) {

    public StepOutput {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }
}
