package io.cognitivecdc.steps;

import java.util.Map;

/**
 * A named unit of enrichment: takes named inputs, asks a model, returns validated output fields.
 *
 * <p>Steps never know each other: a later step reads an earlier one's output only through its input expressions.
 * Implementations are thread-safe; one instance serves every row.
 */
public interface Step {

    /** The step's name in the pipeline, e.g. {@code visit_type}; its output is {@code processed.<name>}. */
    String name();

    /**
     * A digest of everything besides the inputs that shapes the output (type, settings, prompt, model), so that a
     * changed definition is not mistaken for a finished step.
     */
    String definitionFingerprint();

    /**
     * Runs the step for one row.
     *
     * @param inputs input name to value, as the pipeline's input expressions produced them
     * @param key    the row key as text, for logs and the payload log
     * @throws StepFailedException                   when this input cannot be enriched (permanently)
     * @throws io.cognitivecdc.llm.LlmCallException  when the model call failed; transient kinds may be retried later
     */
    StepOutput run(Map<String, Object> inputs, String key);
}
