package io.cognitivecdc.topology;

import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_KEY;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_VALUE;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.SQLSERVER_KEY;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.SQLSERVER_VALUE;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.key;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.pgEvent;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.row;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.sqlServerEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.deadletter.DeadLetterHandlers;
import io.cognitivecdc.deadletter.DeadLetters;
import io.cognitivecdc.deadletter.ReplayOutcome;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import io.cognitivecdc.llm.FakeChatModel;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.TestPipelines;
import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.state.EnrichmentStates;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What cannot be enriched goes to the dead-letter topic with its context, and replay brings it back. */
class DeadLetterTopologyTest {

    private static final String PG_TOPIC = "pg.public.visits";
    private static final String SQLSERVER_TOPIC = "server1.clinic.dbo.visits";
    private static final String ENRICHED_TOPIC = "visits.enriched";
    private static final String APPLICATION_ID = "dead-letter-test";
    private static final Instant WALL_CLOCK = Instant.parse("2026-11-21T15:00:00Z");

    private final InMemorySchemaStore schemas = new InMemorySchemaStore();
    private final Serde<GenericRecord> serde = schemas.genericSerde();
    private final FakeChatModel model = new FakeChatModel();
    private final List<EnrichmentFailure> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean summariesBroken = new AtomicBoolean();

    private Pipeline pipeline;
    private TopologyTestDriver driver;
    private TestInputTopic<GenericRecord, GenericRecord> pgChanges;
    private TestInputTopic<GenericRecord, GenericRecord> sqlServerChanges;
    private TestInputTopic<byte[], byte[]> replay;
    private TestOutputTopic<GenericRecord, GenericRecord> enriched;
    private TestOutputTopic<byte[], byte[]> deadLetterTopic;
    private TestOutputTopic<String, String> replayResults;
    private final List<TestRecord<byte[], byte[]>> deadLetterRecords = new ArrayList<>();

    @BeforeEach
    void startDriver() {
        if (Metrics.globalRegistry.getRegistries().isEmpty()) {
            Metrics.addRegistry(new SimpleMeterRegistry());
        }
        model.answering(request -> summariesBroken.get() && request.taskType().equals("summarize")
                ? "I cannot help with that."
                : FakeChatModel.sensibleAnswer(request));
        pipeline = TestPipelines.visits(model);
        Properties props = new Properties();
        props.putAll(EnrichmentApplication.streamsConfig(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID,
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092")));
        props.putAll(DeadLetterHandlers.streamsConfig(serde.serializer()));
        Map<String, Object> settings = new java.util.HashMap<>();
        props.forEach((k, v) -> settings.put(k.toString(), v));
        driver = new TopologyTestDriver(EnrichmentTopology.build(pipeline,
                new EnrichmentSerdes(serde, serde, serde, serde), failures::add, settings), props, WALL_CLOCK);
        pgChanges = driver.createInputTopic(PG_TOPIC, serde.serializer(), serde.serializer());
        sqlServerChanges = driver.createInputTopic(SQLSERVER_TOPIC, serde.serializer(), serde.serializer());
        replay = driver.createInputTopic(APPLICATION_ID + ".replay", new ByteArraySerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(ENRICHED_TOPIC, serde.deserializer(), serde.deserializer());
        deadLetterTopic = driver.createOutputTopic(APPLICATION_ID + ".dead-letter", new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        replayResults = driver.createOutputTopic(APPLICATION_ID + ".replay-results", new StringDeserializer(),
                new StringDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        pipeline.close();
    }

    private List<DeadLetter> pumpUntilDeadLetters(int count) {
        Pump.until(driver, () -> {
            deadLetterRecords.addAll(deadLetterTopic.readRecordsToList());
            return deadLetterRecords.size() >= count;
        });
        return deadLetterRecords.stream().map(r -> DeadLetters.fromGeneric(
                serde.deserializer().deserialize(APPLICATION_ID + ".dead-letter", r.value()))).toList();
    }

    private List<ReplayOutcome> pumpUntilOutcomes(int count) {
        List<ReplayOutcome> outcomes = new ArrayList<>();
        Pump.until(driver, () -> {
            replayResults.readValuesToList().forEach(json -> outcomes.add(ReplayOutcome.fromJson(json)));
            return outcomes.size() >= count;
        });
        return outcomes;
    }

    private void replayAll(String replayId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ReplayOutcome.REPLAY_ID_HEADER, replayId.getBytes(StandardCharsets.UTF_8));
        deadLetterRecords.forEach(r -> replay.pipeInput(new TestRecord<>(r.key(), r.value(), headers, WALL_CLOCK)));
        deadLetterRecords.clear();
    }

    @Test
    void shouldDeadLetterExhaustedValidationWithErrorsPartialStateAndSourcePosition() {
        summariesBroken.set(true);
        double countedBefore = deadLettersCounted("INVALID_OUTPUT", "summary");

        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, "Emergency: fall from a ladder.")));

        DeadLetter letter = pumpUntilDeadLetters(1).get(0);
        assertThat(deadLettersCounted("INVALID_OUTPUT", "summary") - countedBefore).isEqualTo(1.0);
        assertThat(letter.getKey()).isEqualTo("{\"id\":7}");
        assertThat(letter.getStep()).isEqualTo("summary");
        assertThat(letter.getErrorType()).isEqualTo("INVALID_OUTPUT");
        assertThat(letter.getValidationErrors()).singleElement().asString().startsWith("the answer is not valid JSON");
        // The summarizer's default max_retries: the first ask and three corrective retries.
        assertThat(letter.getAttempts()).isEqualTo(4);
        assertThat(letter.getSourceTopic()).isEqualTo(PG_TOPIC);
        assertThat(letter.getSourcePartition()).isZero();
        assertThat(letter.getSourceOffset()).isZero();
        assertThat(letter.getApplicationId()).isEqualTo(APPLICATION_ID);
        assertThat(letter.getAppVersion()).isNotBlank();
        assertThat(letter.getState().getStatus()).isEqualTo(EnrichmentStatus.FAILED);
        assertThat(letter.getState().getRaw()).containsEntry("clinical_notes", "Emergency: fall from a ladder.");
        assertThat(EnrichmentStates.output(letter.getState(), "visit_type")).containsEntry("category", "emergency");
        assertThat(deadLetterRecords.get(0).key()).isEqualTo(serde.serializer().serialize(PG_TOPIC, key(PG_KEY, 7)));
        assertThat(enriched.isEmpty()).isTrue();
        assertThat(failures).hasSize(1);
    }

    @Test
    void shouldResumeReplayedRowAtItsFailedStepWithoutAskingFinishedStepsAgain() {
        summariesBroken.set(true);
        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, "Emergency: fall from a ladder.")));
        pumpUntilDeadLetters(1);
        int classifyCalls = model.requests("classify").size();
        summariesBroken.set(false);

        replayAll("replay-1");

        assertThat(pumpUntilOutcomes(1)).singleElement()
                .isEqualTo(new ReplayOutcome("replay-1", "{\"id\":7}", Outcome.REPLAYED, null));
        GenericRecord row = enriched.readValue();
        assertThat(row.get("category")).hasToString("emergency");
        assertThat(row.get("summary")).hasToString("Emergency: fall from a ladder.");
        assertThat(model.requests("classify")).hasSize(classifyCalls);
    }

    @Test
    void shouldReportFailedAgainWithANewDeadLetterWhenTheCauseRemains() {
        summariesBroken.set(true);
        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, "Emergency: fall from a ladder.")));
        pumpUntilDeadLetters(1);

        replayAll("replay-2");

        assertThat(pumpUntilOutcomes(1)).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED_AGAIN);
            assertThat(outcome.message()).startsWith("INVALID_OUTPUT");
        });
        assertThat(pumpUntilDeadLetters(1)).singleElement()
                .satisfies(letter -> assertThat(letter.getReplayId()).isEqualTo("replay-2"));
    }

    @Test
    void shouldReportReplayStaleWhenANewerVersionOfTheRowArrivedSince() {
        summariesBroken.set(true);
        sqlServerChanges.pipeInput(key(SQLSERVER_KEY, 7), sqlServerEvent("c", null,
                row(SQLSERVER_VALUE, 7, "Emergency: fall."), "00000027:00000758:0003", "00000027:00000758:0002", 1));
        pumpUntilDeadLetters(1);
        summariesBroken.set(false);
        sqlServerChanges.pipeInput(key(SQLSERVER_KEY, 7), sqlServerEvent("u", null,
                row(SQLSERVER_VALUE, 7, "Outpatient review."), "00000028:00000100:0003", "00000028:00000100:0002", 1));
        Pump.until(driver, () -> !enriched.isEmpty());

        replayAll("replay-3");

        assertThat(pumpUntilOutcomes(1)).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.STALE);
            assertThat(outcome.message()).contains("newer version");
        });
        assertThat(enriched.readValuesToList()).singleElement()
                .satisfies(row -> assertThat(row.get("summary")).hasToString("Outpatient review."));
    }

    @Test
    void shouldReportReplayStaleWhenTheRowWasDeletedSince() {
        summariesBroken.set(true);
        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, "Emergency: fall.")));
        pumpUntilDeadLetters(1);
        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("d", row(PG_VALUE, 7, "Emergency: fall."), null));

        replayAll("replay-4");

        assertThat(pumpUntilOutcomes(1)).singleElement()
                .satisfies(outcome -> assertThat(outcome.message()).contains("deleted"));
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldSendNoTombstoneWhenADeadLetteredRowThatWasNeverWrittenIsDeleted() {
        summariesBroken.set(true);
        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, "Emergency: fall.")));
        pumpUntilDeadLetters(1);

        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("d", row(PG_VALUE, 7, "Emergency: fall."), null));
        pgChanges.pipeInput(key(PG_KEY, 8), pgEvent("d", row(PG_VALUE, 8, "Never seen before."), null));

        // Only the row this instance knows nothing of gets one: it may be in the enriched table from before.
        assertThat(enriched.readKeyValuesToList()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo(key(PG_KEY, 8));
            assertThat(kv.value).isNull();
        });
    }

    @Test
    void shouldDeadLetterMalformedEnvelopeWithItsOriginalBytesAndKeepRunning() {
        // A row already unwrapped by ExtractNewRecordState: no op, no source.
        pgChanges.pipeInput(key(PG_KEY, 7), row(PG_VALUE, 7, "Seen in the ER."));
        pgChanges.pipeInput(key(PG_KEY, 8), pgEvent("c", null, row(PG_VALUE, 8, "Routine check.")));

        DeadLetter letter = pumpUntilDeadLetters(1).get(0);
        assertThat(letter.getErrorType()).isEqualTo("INVALID_CHANGE_EVENT");
        assertThat(letter.getErrorMessage()).contains("no 'op' field");
        assertThat(letter.getKey()).isEqualTo("{\"id\":7}");
        assertThat(letter.getSourceTopic()).isEqualTo(PG_TOPIC);
        assertThat(letter.getSourceOffset()).isZero();
        assertThat(bytes(letter.getSourceValue()))
                .isEqualTo(serde.serializer().serialize(PG_TOPIC, row(PG_VALUE, 7, "Seen in the ER.")));
        Pump.until(driver, () -> !enriched.isEmpty());
        assertThat(enriched.readKeyValuesToList()).singleElement()
                .satisfies(kv -> assertThat(kv.key).isEqualTo(key(PG_KEY, 8)));
    }

    @Test
    void shouldDeadLetterChangeEventWithoutKey() {
        pgChanges.pipeInput(null, pgEvent("c", null, row(PG_VALUE, 7, "Routine check.")));

        assertThat(pumpUntilDeadLetters(1)).singleElement().satisfies(letter -> {
            assertThat(letter.getErrorType()).isEqualTo("INVALID_CHANGE_EVENT");
            assertThat(letter.getErrorMessage()).contains("no key");
        });
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldReportFailedAgainWhenAReplayedRecordStillCannotBeDecoded() {
        // TopologyTestDriver drops what the deserialization handler dead-letters (DeadLetterHandlersTest covers the
        // handler, the embedded-stack tests the whole path), so the dead letter is written here as the handler does.
        byte[] keyBytes = serde.serializer().serialize(PG_TOPIC, key(PG_KEY, 7));
        deadLetterRecords.add(new TestRecord<>(keyBytes, serde.serializer().serialize("dlq", DeadLetters.forRecord(
                null, "UNDECODABLE_RECORD", "not Avro", PG_TOPIC, 0, 3L, keyBytes, new byte[] {1, 2, 3},
                APPLICATION_ID, null, WALL_CLOCK.toEpochMilli()))));

        replayAll("replay-5");

        assertThat(pumpUntilOutcomes(1)).singleElement()
                .satisfies(outcome -> assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED_AGAIN));
        assertThat(pumpUntilDeadLetters(1)).singleElement().satisfies(letter -> {
            assertThat(letter.getErrorType()).isEqualTo("UNDECODABLE_RECORD");
            assertThat(letter.getReplayId()).isEqualTo("replay-5");
            assertThat(bytes(letter.getSourceValue())).containsExactly(1, 2, 3);
        });
    }

    @Test
    void shouldEnrichAReplayedRecordThatCanBeParsedNow() {
        // As if the record had failed to parse under an older version: the dead letter carries its original bytes.
        byte[] keyBytes = serde.serializer().serialize(PG_TOPIC, key(PG_KEY, 9));
        byte[] valueBytes = serde.serializer().serialize(PG_TOPIC,
                pgEvent("c", null, row(PG_VALUE, 9, "Walk-in with a sprained ankle.")));
        DeadLetter letter = DeadLetters.forRecord("{\"id\":9}", "INVALID_CHANGE_EVENT", "old parser", PG_TOPIC, 0,
                41L, keyBytes, valueBytes, APPLICATION_ID, null, WALL_CLOCK.toEpochMilli());
        deadLetterRecords.add(new TestRecord<>(keyBytes, serde.serializer().serialize("dlq", letter)));

        replayAll("replay-6");

        assertThat(pumpUntilOutcomes(1)).singleElement()
                .isEqualTo(new ReplayOutcome("replay-6", "{\"id\":9}", Outcome.REPLAYED, null));
        assertThat(enriched.readKeyValue().key).isEqualTo(key(PG_KEY, 9));
    }

    private static double deadLettersCounted(String errorType, String step) {
        return Metrics.counter(DeadLetters.METRIC, "error_type", errorType, "step", step).count();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
