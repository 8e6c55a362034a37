package io.cognitivecdc.topology;

import io.cognitivecdc.schemas.EnrichmentState;

import java.util.List;

/**
 * A row that could not be enriched, with what an operator needs to see.
 *
 * @param key              the row key as JSON text
 * @param step             the step that failed, or null when the failure is not a step's (e.g. an output column)
 * @param errorType        the kind of failure, e.g. INVALID_OUTPUT, CONTENT_FILTERED, INPUT_MISSING, RATE_LIMITED
 * @param message          what went wrong
 * @param validationErrors the validation errors of the model's last answer, if that was the problem
 * @param attempts         model calls made by the failing step
 * @param transientFailure whether trying again later could succeed (an outage), as opposed to a problem of the input
 * @param state            the row's state with the steps that did finish
 */
public record EnrichmentFailure(String key, String step, String errorType, String message,
                                List<String> validationErrors, int attempts, boolean transientFailure,
                                EnrichmentState state) {

    public EnrichmentFailure {
        validationErrors = List.copyOf(validationErrors);
    }
}
