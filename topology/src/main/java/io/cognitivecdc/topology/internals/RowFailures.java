package io.cognitivecdc.topology.internals;

import io.cognitivecdc.deadletter.DeadLetters;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.topology.EnrichmentFailure;
import io.cognitivecdc.topology.EnrichmentFailureHandler;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.utils.Bytes;

/**
 * A row that failed for good: its state is marked FAILED, a dead letter with its partial state goes to the
 * dead-letter topic, a replay waiting for it hears that it failed again, and the failure handler is told.
 */
public final class RowFailures {

    private final Outputs outputs;
    private final EnrichmentFailureHandler handler;
    private final String applicationId;

    public RowFailures(Outputs outputs, EnrichmentFailureHandler handler, String applicationId) {
        this.outputs = outputs;
        this.handler = handler;
        this.applicationId = applicationId;
    }

    /** Marks {@code state} FAILED and reports it; the caller writes the state. */
    public void failed(Bytes key, EnrichmentState state, Completion.Failed failed, long nowMs) {
        state.setPendingSeq(null);
        state.setStatus(EnrichmentStatus.FAILED);
        state.setLastError(failed.errorType() + ": " + failed.message());
        state.setUpdatedAtMs(nowMs);
        // The letter gets a copy: forStep cuts long texts, which the stored state keeps whole.
        EnrichmentState snapshot = SpecificData.get().deepCopy(EnrichmentState.getClassSchema(), state);
        DeadLetter letter = DeadLetters.forStep(snapshot, failed.step(), failed.errorType(), failed.message(),
                failed.validationErrors(), failed.attempts(), applicationId, nowMs);
        outputs.deadLetter(key.get(), letter);
        if (state.getReplayId() != null) {
            outputs.outcome(state.getReplayId(), state.getKey(), Outcome.FAILED_AGAIN,
                    failed.errorType() + ": " + failed.message());
            state.setReplayId(null);
        }
        handler.onFailure(new EnrichmentFailure(state.getKey(), failed.step(), failed.errorType(), failed.message(),
                failed.validationErrors(), failed.attempts(), false, state));
    }
}
