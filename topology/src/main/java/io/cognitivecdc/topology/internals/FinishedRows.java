package io.cognitivecdc.topology.internals;

import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.topology.EnrichedRows;
import org.apache.avro.generic.GenericRecord;

/**
 * A row whose steps are all done: its enriched row is emitted, unless it is the same as the last one emitted and
 * nothing was asked of a model, and its state is marked DONE.
 */
public final class FinishedRows {

    private final EnrichedRows rows;
    private final Outputs outputs;

    public FinishedRows(EnrichedRows rows, Outputs outputs) {
        this.rows = rows;
        this.outputs = outputs;
    }

    /**
     * Emits the row and marks {@code state} DONE; the caller writes the state.
     *
     * @param skipIfUnchanged whether a row identical to the last one emitted is left out: when no step had to run,
     *                        that is the sink's own write coming back through the captured table, and emitting it
     *                        again would loop
     * @throws IllegalArgumentException naming the output column whose expression or type fails
     */
    public void finish(GenericRecord key, EnrichmentState state, boolean skipIfUnchanged, long nowMs) {
        GenericRecord row = rows.build(state, nowMs);
        String fingerprint = EnrichedRows.fingerprint(row);
        if (!skipIfUnchanged || !fingerprint.equals(state.getOutputFingerprint())) {
            outputs.enriched(key, row, nowMs);
            state.setOutputFingerprint(fingerprint);
        }
        if (state.getReplayId() != null) {
            outputs.outcome(state.getReplayId(), state.getKey(), Outcome.REPLAYED, null);
            state.setReplayId(null);
        }
        state.setStatus(EnrichmentStatus.DONE);
        state.setPendingSeq(null);
        state.setLastError(null);
        state.setUpdatedAtMs(nowMs);
    }
}
