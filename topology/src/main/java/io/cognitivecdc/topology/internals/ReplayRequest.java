package io.cognitivecdc.topology.internals;

import io.cognitivecdc.cdc.ChangeEvent;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.schemas.EnrichmentState;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.utils.Bytes;

/**
 * What a dead letter republished to the replay topic asks the processor to do, decided by {@link ReplayIntake}
 * and carried out by the processor.
 */
public sealed interface ReplayRequest {

    /** The replay run, from the record's header. */
    String replayId();

    /**
     * A row whose step failed: enrich it again from its first unfinished step, keeping the finished ones.
     *
     * @param state the row's state, marked with the replay run
     */
    record Resume(String replayId, Bytes key, EnrichmentState state) implements ReplayRequest {
    }

    /** A finished row whose output could not be written: write it again ({@code state} marked with the run). */
    record Rewrite(String replayId, Bytes key, GenericRecord keyRecord, EnrichmentState state)
            implements ReplayRequest {
    }

    /** A change event that could not be decoded or parsed before, and now can: apply it as if it were new. */
    record Reapply(String replayId, GenericRecord keyRecord, ChangeEvent event, String cdcTopic)
            implements ReplayRequest {
    }

    /** Nothing to do: the letter is stale or unusable; only its outcome is reported. */
    record Rejected(String replayId, String keyJson, Outcome outcome, String message) implements ReplayRequest {
    }

    /** The source record still cannot be decoded or parsed: it goes back to the dead-letter topic. */
    record StillUndecodable(String replayId, String keyJson, byte[] sourceKey, DeadLetter letter)
            implements ReplayRequest {
    }
}
