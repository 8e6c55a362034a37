package io.cognitivecdc.topology.internals;

import io.cognitivecdc.cdc.ByteBuffers;
import io.cognitivecdc.cdc.ChangeEvent;
import io.cognitivecdc.cdc.ChangeEventParser;
import io.cognitivecdc.cdc.InvalidChangeEventException;
import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.deadletter.DeadLetters;
import io.cognitivecdc.deadletter.ReplayOutcome;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.topology.EnrichmentSerdes;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decodes a record of the replay topic (a dead letter the replay command republished) into a {@link ReplayRequest}:
 * a row whose step failed resumes at that step; a finished row whose write failed is written again; a record that
 * could not be parsed is parsed again (the cause may have been fixed); a letter whose row was deleted or changed
 * since is stale. It only reads the row states; the processor carries the request out.
 */
public final class ReplayIntake {

    private static final Logger log = LoggerFactory.getLogger(ReplayIntake.class);

    private final EnrichmentSerdes serdes;
    private final RowKeys keys;
    private final DeadLetterConfig topics;
    private final KeyValueStore<Bytes, EnrichmentState> states;

    /** @param states the row states, read to tell a stale letter from one to replay */
    public ReplayIntake(EnrichmentSerdes serdes, RowKeys keys, DeadLetterConfig topics,
                        KeyValueStore<Bytes, EnrichmentState> states) {
        this.serdes = serdes;
        this.keys = keys;
        this.topics = topics;
        this.states = states;
    }

    public ReplayRequest decode(Record<Object, Object> record, long nowMs) {
        Header header = record.headers().lastHeader(ReplayOutcome.REPLAY_ID_HEADER);
        String replayId = header == null || header.value() == null ? "unlabelled"
                : new String(header.value(), StandardCharsets.UTF_8);
        DeadLetter letter;
        try {
            letter = DeadLetters.fromGeneric(serdes.deadLetter().deserializer()
                    .deserialize(topics.deadLetterTopic(), (byte[]) record.value()));
        } catch (RuntimeException e) {
            return new ReplayRequest.Rejected(replayId, null, Outcome.FAILED_AGAIN, "not a dead letter: " + e.getMessage());
        }
        if (letter == null) {
            return new ReplayRequest.Rejected(replayId, null, Outcome.FAILED_AGAIN, "an empty record is not a dead letter");
        }
        String cdcTopic = keys.topicOf(letter.getSourceTopic());
        if (letter.getState() == null && letter.getSourceValue() != null) {
            return reparse(replayId, letter, cdcTopic, nowMs);
        }
        return resume(replayId, letter, cdcTopic, (byte[]) record.key(), nowMs);
    }

    private ReplayRequest resume(String replayId, DeadLetter letter, String cdcTopic, byte[] recordKey, long nowMs) {
        byte[] keyBytes = letter.getSourceKey() != null ? ByteBuffers.toByteArray(letter.getSourceKey()) : recordKey;
        GenericRecord keyRecord;
        try {
            keyRecord = keyBytes == null ? null : keys.decode(cdcTopic, keyBytes);
        } catch (RuntimeException e) {
            return new ReplayRequest.Rejected(replayId, letter.getKey(), Outcome.FAILED_AGAIN,
                    "cannot decode the row key: " + e.getMessage());
        }
        if (keyRecord == null) {
            return new ReplayRequest.Rejected(replayId, letter.getKey(), Outcome.FAILED_AGAIN,
                    "the dead letter has no row key to replay");
        }
        Bytes key = keys.storeKey(cdcTopic, keyRecord);
        EnrichmentState current = states.get(key);
        String stale = staleness(current, letter.getState());
        if (stale != null) {
            return new ReplayRequest.Rejected(replayId, letter.getKey(), Outcome.STALE, stale);
        }
        // current is this request's own copy, read from the store: marking it for the replay is safe.
        current.setReplayId(replayId);
        if (current.getStatus() == EnrichmentStatus.DONE) {
            return new ReplayRequest.Rewrite(replayId, key, keyRecord, current);
        }
        log.info("Replay {} resumes row {} at its unfinished steps ({} step(s) already done)", replayId,
                current.getKey(), current.getProcessed().size());
        current.setUpdatedAtMs(nowMs);
        return new ReplayRequest.Resume(replayId, key, current);
    }

    /**
     * Why the row's current state makes replaying {@code failed} pointless, or null if it should be replayed: the row
     * must still exist, be at the failed version, and not be pending already.
     *
     * @param failed the state in the dead letter; null when only the output failed to be written
     */
    private static String staleness(EnrichmentState current, EnrichmentState failed) {
        if (current == null) {
            return "the row was deleted since it failed";
        }
        if (failed != null && position(current).compareTo(position(failed)) > 0) {
            return "a newer version of the row (position " + position(current) + ") arrived since it failed";
        }
        if (current.getStatus() == EnrichmentStatus.PENDING) {
            return "the row is being enriched already";
        }
        if (failed != null && current.getStatus() == EnrichmentStatus.DONE) {
            return "the row was enriched since it failed";
        }
        return null;
    }

    /** A record that could not be decoded or parsed: run it through again from its original bytes. */
    private ReplayRequest reparse(String replayId, DeadLetter letter, String cdcTopic, long nowMs) {
        byte[] keyBytes = letter.getSourceKey() == null ? null : ByteBuffers.toByteArray(letter.getSourceKey());
        byte[] valueBytes = ByteBuffers.toByteArray(letter.getSourceValue());
        try {
            GenericRecord keyRecord = keyBytes == null ? null : keys.decode(cdcTopic, keyBytes);
            Optional<ChangeEvent> parsed = ChangeEventParser.parse(
                    serdes.envelope().deserializer().deserialize(cdcTopic, valueBytes));
            if (parsed.isEmpty()) {
                return new ReplayRequest.Rejected(replayId, letter.getKey(), Outcome.STALE,
                        "a Debezium tombstone: nothing to enrich");
            }
            if (keyRecord == null) {
                throw new InvalidChangeEventException("the change event has no key");
            }
            EnrichmentState current = states.get(keys.storeKey(cdcTopic, keyRecord));
            if (current != null && position(current).compareTo(parsed.get().source().position()) > 0) {
                return new ReplayRequest.Rejected(replayId, RowKeys.json(keyRecord), Outcome.STALE,
                        "a newer version of the row (position " + position(current) + ") arrived since it failed");
            }
            return new ReplayRequest.Reapply(replayId, keyRecord, parsed.get(), cdcTopic);
        } catch (RuntimeException e) {
            String errorType = e instanceof InvalidChangeEventException ? "INVALID_CHANGE_EVENT" : "UNDECODABLE_RECORD";
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            DeadLetter again = DeadLetters.forRecord(letter.getKey(), errorType, message, cdcTopic,
                    orMinusOne(letter.getSourcePartition()), letter.getSourceOffset() == null ? -1
                            : letter.getSourceOffset(), keyBytes, valueBytes, topics.applicationId(), replayId, nowMs);
            return new ReplayRequest.StillUndecodable(replayId, letter.getKey(), keyBytes, again);
        }
    }

    private static String position(EnrichmentState state) {
        return state.getSourceVersion().getPosition();
    }

    private static int orMinusOne(Integer value) {
        return value == null ? -1 : value;
    }
}
