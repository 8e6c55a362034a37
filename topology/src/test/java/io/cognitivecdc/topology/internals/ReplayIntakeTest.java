package io.cognitivecdc.topology.internals;

import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_KEY;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_VALUE;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.key;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.pgEvent;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.deadletter.DeadLetters;
import io.cognitivecdc.deadletter.ReplayOutcome;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.state.EnrichmentStateSerde;
import io.cognitivecdc.topology.EnrichmentSerdes;
import io.cognitivecdc.topology.InMemorySchemaStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class ReplayIntakeTest {

    private static final String TOPIC = "pg.public.visits";

    private final InMemorySchemaStore schemas = new InMemorySchemaStore();
    private final Serde<GenericRecord> serde = schemas.genericSerde();
    private final EnrichmentSerdes serdes = new EnrichmentSerdes(serde, serde, serde, serde);
    private final RowKeys keys = new RowKeys(serde, TOPIC);
    private final DeadLetterConfig topics = new DeadLetterConfig(Map.of("application.id", "app"));
    private final KeyValueStore<Bytes, EnrichmentState> states =
            Fixtures.inMemory("states", Serdes.Bytes(), new EnrichmentStateSerde());
    private final ReplayIntake intake = new ReplayIntake(serdes, keys, topics, states);

    private Bytes stored(int id, EnrichmentState state) {
        Bytes key = keys.storeKey(TOPIC, key(PG_KEY, id));
        states.put(key, state);
        return key;
    }

    private static EnrichmentState failed(int id, long position) {
        EnrichmentState state = Rows.pending(id, "Outpatient check.");
        state.getSourceVersion().setPosition(String.format("%016x", position));
        state.setStatus(EnrichmentStatus.FAILED);
        return state;
    }

    private Record<Object, Object> replayed(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ReplayOutcome.REPLAY_ID_HEADER, "run-1".getBytes(StandardCharsets.UTF_8));
        byte[] key = serde.serializer().serialize(TOPIC, key(PG_KEY, 7));
        byte[] value = serdes.deadLetter().serializer().serialize(topics.deadLetterTopic(), letter);
        return new Record<>(key, value, 0L, headers);
    }

    private static DeadLetter stepLetter(EnrichmentState state) {
        return DeadLetters.forStep(state, "visit_type", "INVALID_OUTPUT", "not in the taxonomy", List.of(), 4, "app", 0);
    }

    private DeadLetter recordLetter(byte[] value) {
        byte[] key = serde.serializer().serialize(TOPIC, key(PG_KEY, 7));
        return DeadLetters.forRecord("{\"id\":7}", "UNDECODABLE_RECORD", "bad bytes", TOPIC, 0, 12, key, value, "app",
                null, 0);
    }

    @Test
    void shouldResumeAFailedRowMarkedWithItsReplayRun() {
        Bytes key = stored(7, failed(7, 10));

        ReplayRequest request = intake.decode(replayed(stepLetter(failed(7, 10))), 99);

        assertThat(request).isInstanceOfSatisfying(ReplayRequest.Resume.class, resume -> {
            assertThat(resume.key()).isEqualTo(key);
            assertThat(resume.state().getReplayId()).isEqualTo("run-1");
            assertThat(resume.state().getUpdatedAtMs()).isEqualTo(99);
        });
    }

    @Test
    void shouldReportStaleWhenTheRowWasDeletedSinceItFailed() {
        ReplayRequest request = intake.decode(replayed(stepLetter(failed(7, 10))), 0);

        assertThat(request).isEqualTo(new ReplayRequest.Rejected("run-1", "{\"id\":7}", Outcome.STALE,
                "the row was deleted since it failed"));
    }

    @Test
    void shouldReportStaleWhenANewerVersionOfTheRowArrivedSince() {
        stored(7, failed(7, 11));

        ReplayRequest request = intake.decode(replayed(stepLetter(failed(7, 10))), 0);

        assertThat(request).isInstanceOfSatisfying(ReplayRequest.Rejected.class, rejected -> {
            assertThat(rejected.outcome()).isEqualTo(Outcome.STALE);
            assertThat(rejected.message()).startsWith("a newer version of the row");
        });
    }

    @Test
    void shouldWriteAFinishedRowAgainWhenOnlyItsOutputFailed() {
        EnrichmentState done = failed(7, 10);
        done.setStatus(EnrichmentStatus.DONE);
        stored(7, done);

        ReplayRequest request = intake.decode(replayed(recordLetter(null)), 0);

        assertThat(request).isInstanceOfSatisfying(ReplayRequest.Rewrite.class,
                rewrite -> assertThat(rewrite.keyRecord().get("id")).isEqualTo(7));
    }

    @Test
    void shouldApplyAnUndecodableRecordAgainOnceItDecodes() {
        byte[] change = serde.serializer().serialize(TOPIC, pgEvent("c", null, row(PG_VALUE, 7, "Now readable.")));

        ReplayRequest request = intake.decode(replayed(recordLetter(change)), 0);

        assertThat(request).isInstanceOfSatisfying(ReplayRequest.Reapply.class, reapply -> {
            assertThat(reapply.cdcTopic()).isEqualTo(TOPIC);
            assertThat(reapply.event().after()).containsEntry("clinical_notes", "Now readable.");
        });
    }

    @Test
    void shouldSendAStillUndecodableRecordBackToTheDeadLetterTopic() {
        ReplayRequest request = intake.decode(replayed(recordLetter(new byte[] {1, 2, 3})), 5);

        assertThat(request).isInstanceOfSatisfying(ReplayRequest.StillUndecodable.class, still -> {
            assertThat(still.letter().getErrorType()).isEqualTo("UNDECODABLE_RECORD");
            assertThat(still.letter().getReplayId()).isEqualTo("run-1");
            assertThat(still.letter().getSourceOffset()).isEqualTo(12L);
        });
    }

    @Test
    void shouldRejectARecordThatIsNotADeadLetter() {
        ReplayRequest request = intake.decode(new Record<>(null, new byte[] {9, 9}, 0L), 0);

        assertThat(request).isInstanceOfSatisfying(ReplayRequest.Rejected.class, rejected -> {
            assertThat(rejected.replayId()).isEqualTo("unlabelled");
            assertThat(rejected.outcome()).isEqualTo(Outcome.FAILED_AGAIN);
            assertThat(rejected.message()).startsWith("not a dead letter");
        });
    }
}
