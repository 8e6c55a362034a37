package io.cognitivecdc.steps;

import io.cognitivecdc.llm.TokenUsage;

import java.util.List;

/**
 * A step cannot enrich this input; trying again with the same input will not help. Carries what the operator needs
 * to see: the kind of failure, the validation errors of the last answer, and how many calls it took.
 */
public class StepFailedException extends RuntimeException {

    /** Why the step gave up. */
    public enum Kind {
        /** The answer was still invalid after every corrective retry. */
        INVALID_OUTPUT,
        /** The provider's content filter refused the input or the answer. */
        CONTENT_FILTERED,
        /** The provider rejected the request itself (bad request). */
        REQUEST_REJECTED,
        /** A required input is null or blank. */
        INPUT_MISSING,
        /** An input is longer than the step accepts. */
        INPUT_TOO_LARGE,
        /** An input has the wrong type (binary where text is expected, …). */
        INPUT_INVALID
    }

    private final String step;
    private final Kind kind;
    private final List<String> validationErrors;
    private final int attempts;
    private final TokenUsage usage;

    public StepFailedException(String step, Kind kind, String message, List<String> validationErrors, int attempts,
                               TokenUsage usage, Throwable cause) {
        super("step " + step + ": " + message, cause);
        this.step = step;
        this.kind = kind;
        this.validationErrors = List.copyOf(validationErrors);
        this.attempts = attempts;
        this.usage = usage;
    }

    /** An input problem found before any model call. */
    public static StepFailedException input(String step, Kind kind, String message) {
        return new StepFailedException(step, kind, message, List.of(), 0, TokenUsage.ZERO, null);
    }

    public String step() {
        return step;
    }

    public Kind kind() {
        return kind;
    }

    /** The validation errors of the last answer (INVALID_OUTPUT), empty otherwise. */
    public List<String> validationErrors() {
        return validationErrors;
    }

    public int attempts() {
        return attempts;
    }

    public TokenUsage usage() {
        return usage;
    }
}
