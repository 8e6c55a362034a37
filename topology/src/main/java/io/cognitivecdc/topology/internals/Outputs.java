package io.cognitivecdc.topology.internals;

import io.cognitivecdc.deadletter.ReplayOutcome;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import io.cognitivecdc.schemas.DeadLetter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Everything the enrichment processor sends downstream, and where: enriched rows and tombstones to the enriched
 * topic, dead letters to the dead-letter topic, outcomes of replayed records to the replay-results topic.
 */
public final class Outputs {

    private final ProcessorContext<Object, Object> context;
    private final String enrichedSink;
    private final String deadLetterSink;
    private final String replayResultsSink;

    /** @param enrichedSink, deadLetterSink, replayResultsSink the names of the topology's sink nodes */
    public Outputs(ProcessorContext<Object, Object> context, String enrichedSink, String deadLetterSink,
                   String replayResultsSink) {
        this.context = context;
        this.enrichedSink = enrichedSink;
        this.deadLetterSink = deadLetterSink;
        this.replayResultsSink = replayResultsSink;
    }

    /** The enriched row, under the row's Debezium key. */
    public void enriched(GenericRecord key, GenericRecord row, long timestampMs) {
        context.forward(new Record<>(key, row, timestampMs), enrichedSink);
    }

    /** A tombstone under the row's Debezium key: the sink deletes the row. */
    public void tombstone(GenericRecord key) {
        context.forward(new Record<>(key, null, context.currentSystemTimeMs()), enrichedSink);
    }

    /** @param sourceKey the key bytes of the record the letter is about, if any */
    public void deadLetter(byte[] sourceKey, DeadLetter letter) {
        context.forward(new Record<>(sourceKey, letter, letter.getFailedAtMs()), deadLetterSink);
    }

    /** How a replayed record ended, for the replay command that waits for it. */
    public void outcome(String replayId, String keyJson, Outcome outcome, String message) {
        context.forward(new Record<>(replayId, new ReplayOutcome(replayId, keyJson, outcome, message).toJson(),
                context.currentSystemTimeMs()), replayResultsSink);
    }
}
