package io.cognitivecdc.steps;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.settings.Settings;

import java.util.Map;

/**
 * A kind of step a pipeline definition can name in {@code steps[].type}. Built-ins are {@code classifier} and
 * {@code summarizer}; new kinds plug in through {@link java.util.ServiceLoader} with a
 * {@code META-INF/services/io.cognitivecdc.steps.StepType} entry.
 */
public interface StepType {

    /** The name definitions use, e.g. {@code classifier}. */
    String type();

    /** Input name to whether it is required; definitions may map only these. */
    Map<String, Boolean> inputs();

    /**
     * Output field to its Avro type ({@code string}, {@code double}, {@code boolean}, {@code long}), so that output
     * columns reading {@code processed.<step>.<field>} get the right column type.
     */
    Map<String, String> outputFields();

    /**
     * Creates the step from its definition's settings (every key of the step entry but {@code name}, {@code type},
     * {@code provider} and {@code inputs}); problems are reported through {@code settings}, with their paths.
     *
     * @return the step, or null when a problem was reported
     */
    Step create(String name, ChatModel model, Settings settings);
}
