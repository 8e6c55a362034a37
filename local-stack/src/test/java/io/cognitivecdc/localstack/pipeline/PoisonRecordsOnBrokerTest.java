package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.cdc.DebeziumEnvelopes;
import io.cognitivecdc.llmsimulator.LlmSimulator;
import io.cognitivecdc.localstack.LocalStack;
import io.cognitivecdc.localstack.SharedLocalStack;
import io.cognitivecdc.localstack.Shutdown;
import io.cognitivecdc.localstack.demo.SampleEncounters;
import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.topology.EnrichmentSerdes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every kind of poison on the real broker, Connect and PostgreSQL, with the simulator as the model: each ends as a
 * dead letter with a clear error or as a correct enrichment, no row is lost, and the pipeline keeps running.
 */
@ExtendWith(SharedLocalStack.class)
class PoisonRecordsOnBrokerTest {

    private static final int GOOD_ROWS = 4;
    private static final Set<String> TAXONOMY = Set.of("emergency", "inpatient", "outpatient", "telehealth",
            "urgent_care");
    private static final String NOTE = "Walk-in visit for a sprained ankle after a fall; strapped and sent home.";

    /** Rows written to PostgreSQL by id, with what must become of them: an error type, or null for enriched. */
    private static final Map<Integer, String> TABLE_ROWS = new TreeMap<>(Map.of(
            1001, "INPUT_MISSING",
            1002, "INPUT_TOO_LARGE",
            1003, "",
            1004, "INVALID_OUTPUT",
            1005, "",
            1006, "INVALID_OUTPUT",
            1007, "",
            1008, "CONTENT_FILTERED"));
    /** Records produced straight to the CDC topic by key, with the error type each must end as. */
    private static final Map<Integer, String> CRAFTED = Map.of(
            2001, "INPUT_MISSING",
            2002, "INVALID_CHANGE_EVENT",
            2003, "UNDECODABLE_RECORD");

    private static LlmSimulator simulator;
    private static DemoPipelineRun run;

    @BeforeAll
    static void startPipelineAndWritePoison() {
        simulator = LlmSimulator.start();
        run = new DemoPipelineRun(SharedLocalStack.stack(),
                SampleEncounters.generate("visits_poison", GOOD_ROWS, 17L), DemoPipelineRun.simulated(simulator));
        run.tables.insert(run.table, List.of(
                row(1001, null),
                row(1002, "x".repeat(1_000_000)),
                row(1003, binaryLookingText()),
                row(1004, "[sim:invalid_json] " + NOTE),
                row(1005, "[sim:out_of_taxonomy@1] " + NOTE),
                row(1006, "[sim:out_of_taxonomy] " + NOTE),
                row(1007, "[sim:confidence_above_one@1] " + NOTE),
                row(1008, "[sim:content_filter] " + NOTE)));
        produceCraftedRecords(SharedLocalStack.stack(), run.table.cdcTopic());
    }

    @AfterAll
    static void stop() {
        Shutdown.inOrder(run, simulator);
    }

    private static List<Object> row(int id, String notes) {
        return Arrays.asList(id, "P-" + id, "General", LocalDate.of(2026, 3, 1), notes);
    }

    /** Control characters and high Latin-1 bytes (PostgreSQL text cannot hold NUL). */
    private static String binaryLookingText() {
        Random random = new Random(5);
        StringBuilder text = new StringBuilder("Scanned attachment: ");
        for (int i = 0; i < 400; i++) {
            text.append((char) (1 + random.nextInt(255)));
        }
        return text.toString();
    }

    private static void produceCraftedRecords(LocalStack stack, String topic) {
        Schema key = SchemaBuilder.record("cdc.public.visits_poison.Key").fields()
                .requiredInt("encounter_id").endRecord();
        Schema rowWithoutNotes = SchemaBuilder.record("cdc.public.visits_poison.Value").fields()
                .requiredInt("encounter_id").requiredString("patient_ref").endRecord();
        Schema source = DebeziumEnvelopes.PG_SOURCE;
        Schema envelope = SchemaBuilder.record("cdc.public.visits_poison.Envelope").fields()
                .name("before").type().unionOf().nullType().and().type(rowWithoutNotes).endUnion().nullDefault()
                .name("after").type().unionOf().nullType().and().type(rowWithoutNotes).endUnion().nullDefault()
                .name("source").type(source).noDefault()
                .requiredString("op").optionalLong("ts_ms")
                .endRecord();
        GenericRecord sourceInfo = new GenericRecordBuilder(source)
                .set("version", "3.5.0.Final").set("connector", "postgresql").set("name", "cdc")
                .set("ts_ms", System.currentTimeMillis()).set("snapshot", "false").set("db", "postgres")
                .set("sequence", "[null,\"1\"]").set("schema", "public").set("table", "visits_poison")
                .set("txId", 1L).set("lsn", 1L).build();
        GenericRecord withoutNotes = new GenericRecordBuilder(envelope)
                .set("after", new GenericRecordBuilder(rowWithoutNotes).set("encounter_id", 2001)
                        .set("patient_ref", "P-2001").build())
                .set("source", sourceInfo).set("op", "c").set("ts_ms", System.currentTimeMillis()).build();
        GenericRecord notAnEnvelope = new GenericRecordBuilder(rowWithoutNotes).set("encounter_id", 2002)
                .set("patient_ref", "P-2002").build();
        try (EnrichmentSerdes serdes = EnrichmentSerdes.apicurio(stack.registry().v3Url());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            records.add(new ProducerRecord<>(topic, keyBytes(serdes, topic, key, 2001),
                    serdes.envelope().serializer().serialize(topic, withoutNotes)));
            records.add(new ProducerRecord<>(topic, keyBytes(serdes, topic, key, 2002),
                    serdes.envelope().serializer().serialize(topic, notAnEnvelope)));
            records.add(new ProducerRecord<>(topic, keyBytes(serdes, topic, key, 2003),
                    "{\"op\":\"c\",\"after\":{\"encounter_id\":2003}}".getBytes(StandardCharsets.UTF_8)));
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce the crafted records", e);
        }
    }

    private static byte[] keyBytes(EnrichmentSerdes serdes, String topic, Schema key, int id) {
        return serdes.key().serializer().serialize(topic, new GenericRecordBuilder(key).set("encounter_id", id).build());
    }

    @Test
    void shouldEndEveryPoisonAsADeadLetterWithAClearErrorOrAsACorrectEnrichmentAndLoseNoRow() {
        int expectedEnriched = GOOD_ROWS + (int) TABLE_ROWS.values().stream().filter(String::isEmpty).count();
        int expectedDeadLetters = (int) TABLE_ROWS.values().stream().filter(t -> !t.isEmpty()).count() + CRAFTED.size();
        List<DeadLetter> letters = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            letters.clear();
            letters.addAll(DeadLetterTopic.readAll(SharedLocalStack.stack(), run.running));
            assertThat(letters).hasSize(expectedDeadLetters);
            assertThat(run.enriched.count()).isEqualTo(expectedEnriched);
        });

        Map<Integer, DeadLetter> byId = new TreeMap<>();
        for (DeadLetter letter : letters) {
            byId.put(letter.getKey() == null ? -1 : Integer.parseInt(letter.getKey().replaceAll("\\D", "")), letter);
        }
        TABLE_ROWS.forEach((id, errorType) -> {
            if (errorType.isEmpty()) {
                Map<String, Object> enriched = run.enriched.row(id);
                assertThat(enriched).as("row %d", id).isNotNull();
                assertThat(TAXONOMY).as("category of row %d", id).contains((String) enriched.get("category"));
                assertThat(((Number) enriched.get("confidence")).doubleValue()).isBetween(0.0, 1.0);
                assertThat((String) enriched.get("summary")).isNotBlank();
            } else {
                assertThat(byId.get(id)).as("dead letter of row %d", id).isNotNull()
                        .satisfies(letter -> assertThat(letter.getErrorType()).isEqualTo(errorType));
                assertThat(run.enriched.row(id)).as("row %d in the enriched table", id).isNull();
            }
        });
        assertThat(byId.get(1001).getErrorMessage()).contains("input 'text' is missing");
        assertThat(byId.get(1002).getErrorMessage()).contains("1000000 characters").contains("max_input_chars");
        assertThat(byId.get(1004).getValidationErrors()).isNotEmpty();
        assertThat(byId.get(1006).getValidationErrors()).anySatisfy(error -> assertThat(error).contains("enum"));
        assertThat(byId.get(1006).getAttempts()).isGreaterThan(1);
        assertThat(byId.get(1002).getState().getRaw().get("clinical_notes").toString())
                .hasSizeLessThan(70_000).contains("1000000 characters in all");

        CRAFTED.forEach((id, errorType) -> {
            DeadLetter letter = letters.stream().filter(l -> errorType.equals(l.getErrorType())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + errorType + " dead letter for record " + id));
            assertThat(letter.getSourceTopic()).isEqualTo(run.table.cdcTopic());
            assertThat(letter.getSourceOffset()).isNotNull();
            if (!errorType.equals("INPUT_MISSING")) {
                assertThat(letter.getSourceValue()).as("original bytes of record %d", id).isNotNull();
            }
        });

        // Still running: a row written after all that is enriched.
        assertThat(run.running.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        run.tables.insert(run.table, List.of(row(3001, NOTE)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(run.enriched.row(3001)).isNotNull());
    }
}
