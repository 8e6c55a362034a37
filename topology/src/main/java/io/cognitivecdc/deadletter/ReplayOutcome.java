package io.cognitivecdc.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Objects;

/**
 * What became of one replayed dead letter, as the topology reports it on the replay-results topic (key = the replay
 * id, value = this record as JSON).
 *
 * @param replayId the replay run that republished the dead letter
 * @param key      the row key as JSON text, or null when the record could not be decoded
 * @param outcome  what happened
 * @param message  why it was stale, or the new error when it failed again; null when replayed
 */
public record ReplayOutcome(String replayId, String key, Outcome outcome, String message) {

    /** Header of a replayed record that carries its replay id. */
    public static final String REPLAY_ID_HEADER = "cognitivecdc.replay.id";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What happened to a replayed dead letter. */
    public enum Outcome {
        /** Enriched and written to the enriched topic. */
        REPLAYED,
        /** Not replayed: a newer version of the row was enriched, or the row was deleted, since it failed. */
        STALE,
        /** Failed again; a new dead letter (with the replay id) is on the dead-letter topic. */
        FAILED_AGAIN
    }

    public ReplayOutcome {
        Objects.requireNonNull(replayId, "replayId");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** This outcome as the JSON text written to the replay-results topic. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a replay outcome", e);
        }
    }

    /**
     * Reads an outcome written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if {@code json} is not one
     */
    public static ReplayOutcome fromJson(String json) {
        try {
            return JSON.readValue(json, ReplayOutcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a replay outcome: " + e.getOriginalMessage(), e);
        }
    }
}
