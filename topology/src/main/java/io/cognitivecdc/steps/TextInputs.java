package io.cognitivecdc.steps;

import java.nio.ByteBuffer;
import java.util.Map;

/** Reads text inputs of a step, turning unusable values into permanent step failures with a clear reason. */
final class TextInputs {

    private TextInputs() {
    }

    /** A required text input: not null, not blank, not binary, at most {@code maxChars} long. */
    static String required(String step, Map<String, Object> inputs, String name, int maxChars) {
        String text = optional(step, inputs, name, maxChars);
        if (text == null || text.isBlank()) {
            throw StepFailedException.input(step, StepFailedException.Kind.INPUT_MISSING,
                    "input '" + name + "' is " + (text == null ? "missing (null)" : "blank"));
        }
        return text;
    }

    /** An optional text input: null when absent; otherwise checked like a required one. */
    static String optional(String step, Map<String, Object> inputs, String name, int maxChars) {
        Object value = inputs.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            throw StepFailedException.input(step, StepFailedException.Kind.INPUT_INVALID,
                    "input '" + name + "' is binary data, not text");
        }
        String text = value.toString();
        if (text.indexOf('\u0000') >= 0) {
            throw StepFailedException.input(step, StepFailedException.Kind.INPUT_INVALID,
                    "input '" + name + "' contains NUL characters; it looks like binary data, not text");
        }
        if (text.length() > maxChars) {
            throw StepFailedException.input(step, StepFailedException.Kind.INPUT_TOO_LARGE,
                    "input '" + name + "' has " + text.length() + " characters; the step accepts at most " + maxChars
                            + " (setting max_input_chars)");
        }
        return text;
    }
}
