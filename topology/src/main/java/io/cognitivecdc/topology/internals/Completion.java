package io.cognitivecdc.topology.internals;

import io.cognitivecdc.steps.StepOutput;
import org.apache.kafka.common.utils.Bytes;

import java.util.List;

/**
 * What a piece of enrichment work reports back to the stream thread, which alone touches the state stores. Each
 * carries the work's id and the pending sequence number it was started for, so that results of superseded or
 * abandoned work are recognised and dropped.
 */
public sealed interface Completion {

    Bytes key();

    long workId();

    long seq();

    /** One step finished; written into the row's state at once, so a crash after this does not redo the step. */
    record StepDone(Bytes key, long workId, long seq, String step, StepOutput output, String fingerprint,
                    boolean fromCache) implements Completion {
    }

    /** Every step of the row has its output. */
    record Finished(Bytes key, long workId, long seq) implements Completion {
    }

    /**
     * The work stopped at a failure.
     *
     * @param transientFailure whether waiting can help (rate limit, outage, timeout, rejected credentials): the row
     *                         stays pending; otherwise the row has failed
     * @param retryAfterMs     how long the provider asked to wait ({@code Retry-After}), or 0
     */
    record Failed(Bytes key, long workId, long seq, String step, String errorType, String message,
                  List<String> validationErrors, int attempts, boolean transientFailure, long retryAfterMs)
            implements Completion {
    }
}
