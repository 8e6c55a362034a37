package io.cognitivecdc.topology;

import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_KEY;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_VALUE;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.SOURCE_TS_MS;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.SQLSERVER_KEY;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.SQLSERVER_VALUE;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.key;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.pgEvent;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.row;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.sqlServerEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Logger;
import io.cognitivecdc.topology.internals.ChangeIntake;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cognitivecdc.deadletter.DeadLetterHandlers;
import io.cognitivecdc.llm.ChatMessage;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.FakeChatModel;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.TestPipelines;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.state.EnrichmentStates;
import io.cognitivecdc.steps.ClassifierStep;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EnrichmentTopologyTest {

    private static final String PG_TOPIC = "pg.public.visits";
    private static final String SQLSERVER_TOPIC = "server1.clinic.dbo.visits";
    private static final String ENRICHED_TOPIC = "visits.enriched";
    private static final Instant WALL_CLOCK = Instant.parse("2026-11-21T15:00:00Z");

    private final InMemorySchemaStore schemas = new InMemorySchemaStore();
    private final Serde<GenericRecord> genericSerde = schemas.genericSerde();
    private final ListAppender<ILoggingEvent> processorLog = new ListAppender<>();
    private final FakeChatModel model = new FakeChatModel();
    private final List<EnrichmentFailure> failures = new CopyOnWriteArrayList<>();

    private Pipeline pipeline;
    private TopologyTestDriver driver;
    private TestInputTopic<GenericRecord, GenericRecord> pgChanges;
    private TestInputTopic<GenericRecord, GenericRecord> sqlServerChanges;
    private TestOutputTopic<GenericRecord, GenericRecord> enriched;

    @BeforeEach
    void startDriver() {
        // The global registry drops meters unless a registry is attached, as the application attaches Prometheus.
        if (Metrics.globalRegistry.getRegistries().isEmpty()) {
            Metrics.addRegistry(new SimpleMeterRegistry());
        }
        pipeline = TestPipelines.visits(model);
        Topology topology = EnrichmentTopology.build(pipeline,
                new EnrichmentSerdes(genericSerde, genericSerde, genericSerde, genericSerde), failures::add);
        // The application's defaults, so exactly-once is what tests exercise.
        Map<String, Object> streamsConfig = EnrichmentApplication.streamsConfig(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "enrichment-test",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"));
        Properties props = new Properties();
        props.putAll(streamsConfig);
        props.putAll(DeadLetterHandlers.streamsConfig(genericSerde.serializer()));
        driver = new TopologyTestDriver(topology, props, WALL_CLOCK);
        pgChanges = driver.createInputTopic(PG_TOPIC, genericSerde.serializer(), genericSerde.serializer());
        sqlServerChanges = driver.createInputTopic(SQLSERVER_TOPIC, genericSerde.serializer(), genericSerde.serializer());
        enriched = driver.createOutputTopic(ENRICHED_TOPIC, genericSerde.deserializer(), genericSerde.deserializer());

        processorLog.start();
        ((Logger) LoggerFactory.getLogger(ChangeIntake.class)).addAppender(processorLog);
    }

    @AfterEach
    void closeDriver() {
        ((Logger) LoggerFactory.getLogger(ChangeIntake.class)).detachAppender(processorLog);
        driver.close();
        pipeline.close();
    }

    private void pumpUntilOutputs(int count) {
        Pump.until(driver, () -> enriched.getQueueSize() >= count);
    }

    private void pumpUntilFailures(int count) {
        Pump.until(driver, () -> failures.size() >= count);
    }

    @Test
    void shouldEmitEnrichedRowKeyedByRowKeyWhenRowInserted() {
        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, "Seen in emergency after a fall. Stitched.")));
        pumpUntilOutputs(1);

        TestRecord<GenericRecord, GenericRecord> output = enriched.readRecord();

        assertThat(output.key()).isEqualTo(key(PG_KEY, 7));
        assertThat(output.key().getSchema()).isEqualTo(PG_KEY);
        GenericRecord row = output.value();
        assertThat(row.get("category")).hasToString("emergency");
        assertThat(row.get("confidence")).isEqualTo(0.9);
        assertThat(row.get("needs_review")).isEqualTo(false);
        assertThat(row.get("summary")).hasToString("Seen in emergency after a fall.");
        assertThat(row.get("enriched_by")).hasToString("visit_type=fake/model,summary=fake/model");
        assertThat(row.get("source_table")).hasToString("public.visits");
        assertThat(row.get("source_ts_ms")).isEqualTo(SOURCE_TS_MS);
        assertThat((Long) row.get("enriched_at_ms")).isGreaterThan(WALL_CLOCK.toEpochMilli());
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldChainStepsThroughInputMaps() {
        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, "Admitted as inpatient for pneumonia.")));
        pumpUntilOutputs(1);

        ChatRequest classify = model.requests("classify").get(0);
        ChatRequest summarize = model.requests("summarize").get(0);
        assertThat(classify.task().path("context").asText()).isEqualTo("Patient Patient 7");
        assertThat(summarize.task().path("focus").asText()).isEqualTo("inpatient");
        assertThat(summarize.task().path("max_length").asInt()).isEqualTo(120);
        assertThat(enriched.readValue().get("summary")).hasToString("Admitted as inpatient for pneumonia.");
    }

    @Test
    void shouldEnrichSnapshotReadsAndUpdates() {
        pgChanges.pipeInput(key(PG_KEY, 1), pgEvent("r", null, row(PG_VALUE, 1, "Outpatient routine check.")));
        pumpUntilOutputs(1);
        pgChanges.pipeInput(key(PG_KEY, 1), pgEvent("u", null, row(PG_VALUE, 1, "Now inpatient, admitted overnight.")));
        pumpUntilOutputs(2);

        assertThat(enriched.readValuesToList())
                .extracting(r -> r.get("category").toString(), r -> r.get("summary").toString())
                .containsExactly(
                        tuple("outpatient", "Outpatient routine check."),
                        tuple("inpatient", "Now inpatient, admitted overnight."));
    }

    @Test
    void shouldEnrichSqlServerChangeEvents() {
        sqlServerChanges.pipeInput(key(SQLSERVER_KEY, 42), sqlServerEvent("c", null,
                row(SQLSERVER_VALUE, 42, "Emergency: trauma bay."), "0000002b:00000ae8:0003", "0000002b:00000ae8:0002", 1));
        pumpUntilOutputs(1);

        TestRecord<GenericRecord, GenericRecord> output = enriched.readRecord();

        assertThat(output.key()).isEqualTo(key(SQLSERVER_KEY, 42));
        assertThat(output.value().get("source_table")).hasToString("dbo.visits");
        assertThat(output.value().get("category")).hasToString("emergency");
    }

    @Test
    void shouldSucceedOnSecondAttemptAfterCorrectiveRetry() {
        model.answering(request -> request.taskType().equals("classify") && request.attempt() == 1
                ? "{\"category\": \"walk-in\", \"confidence\": 0.8, \"reasoning\": \"guess\"}"
                : FakeChatModel.sensibleAnswer(request));

        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, "Emergency: fall from a ladder.")));
        pumpUntilOutputs(1);

        assertThat(enriched.readValue().get("category")).hasToString("emergency");
        List<ChatRequest> classify = model.requests("classify");
        assertThat(classify).hasSize(2);
        List<ChatMessage> retry = classify.get(1).messages();
        assertThat(retry.get(retry.size() - 2).content()).contains("walk-in");
        assertThat(retry.get(retry.size() - 1).content())
                .startsWith("Your answer was invalid:")
                .contains("$.category: does not have a value in the enumeration");
        assertThat(failures).isEmpty();
    }

    @Test
    void shouldReportValidationErrorsWhenRetriesAreExhausted() {
        model.answering(request -> request.taskType().equals("classify")
                ? "{\"category\": \"emergency\", \"confidence\": 1.7, \"reasoning\": \"very sure\"}"
                : FakeChatModel.sensibleAnswer(request));

        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, "Emergency: fall from a ladder.")));
        pumpUntilFailures(1);

        assertThat(enriched.isEmpty()).isTrue();
        // max_retries: 2 in the definition: the first ask and two corrective retries.
        assertThat(model.requests("classify")).hasSize(3);
        assertThat(model.requests("summarize")).isEmpty();
        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.key()).isEqualTo("{\"id\":7}");
            assertThat(failure.step()).isEqualTo("visit_type");
            assertThat(failure.errorType()).isEqualTo("INVALID_OUTPUT");
            assertThat(failure.attempts()).isEqualTo(3);
            assertThat(failure.transientFailure()).isFalse();
            assertThat(failure.validationErrors()).singleElement().asString()
                    .contains("$.confidence: must have a maximum value of 1");
            assertThat(failure.state().getStatus()).isEqualTo(EnrichmentStatus.FAILED);
        });
    }

    @Test
    void shouldKeepFinishedStepsInTheFailureWhenALaterStepFails() {
        model.answering(request -> request.taskType().equals("summarize")
                ? "not json at all"
                : FakeChatModel.sensibleAnswer(request));

        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, "Emergency: fall from a ladder.")));
        pumpUntilFailures(1);

        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.step()).isEqualTo("summary");
            assertThat(failure.validationErrors()).singleElement().asString().startsWith("the answer is not valid JSON");
            assertThat(EnrichmentStates.output(failure.state(), "visit_type")).containsEntry("category", "emergency");
        });
    }

    @Test
    void shouldFlagLowConfidenceForReview() {
        model.answering(request -> request.taskType().equals("classify")
                ? "{\"category\": \"outpatient\", \"confidence\": 0.41, \"reasoning\": \"unclear\"}"
                : FakeChatModel.sensibleAnswer(request));

        double flaggedBefore = flaggedForReview();

        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, "Seen today.")));
        pumpUntilOutputs(1);

        GenericRecord row = enriched.readValue();
        assertThat(row.get("confidence")).isEqualTo(0.41);
        assertThat(row.get("needs_review")).isEqualTo(true);
        assertThat(flaggedForReview() - flaggedBefore).isEqualTo(1.0);
    }

    private static double flaggedForReview() {
        return Metrics.counter(ClassifierStep.REVIEW_METRIC, "step", "visit_type").count();
    }

    @Test
    void shouldFailWithoutCallingTheModelWhenTextIsMissing() {
        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, null)));
        pumpUntilFailures(1);

        assertThat(model.requests()).isEmpty();
        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.errorType()).isEqualTo("INPUT_MISSING");
            assertThat(failure.message()).contains("input 'text' is missing");
        });
    }

    @Test
    void shouldEmitTombstoneWithoutCallingTheModelWhenRowDeleted() {
        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("d", row(PG_VALUE, 7, "Seen in the ER."), null));

        TestRecord<GenericRecord, GenericRecord> output = enriched.readRecord();

        assertThat(output.key()).isEqualTo(key(PG_KEY, 7));
        assertThat(output.value()).isNull();
        assertThat(enriched.isEmpty()).isTrue();
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void shouldSkipDebeziumTombstone() {
        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("d", row(PG_VALUE, 7, "x"), null));
        pgChanges.pipeInput(key(PG_KEY, 7), (GenericRecord) null);

        assertThat(enriched.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldIgnoreTruncate() {
        // PostgreSQL truncate events carry no key and no row images.
        pgChanges.pipeInput(null, pgEvent("t", null, null));

        assertThat(enriched.isEmpty()).isTrue();
        assertThat(processorLog.list).singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage()).contains("truncate of public.visits"));
    }

    @Test
    void shouldNameEveryNode() {
        Topology topology = EnrichmentTopology.build(pipeline,
                new EnrichmentSerdes(genericSerde, genericSerde, genericSerde, genericSerde), failures::add);

        assertThat(topology.describe().toString())
                // Kafka Streams lists the topics of a source in no particular order.
                .containsPattern("Source: cdc-source \\(topics: \\[[^]]*" + PG_TOPIC.replace(".", "\\."))
                .containsPattern("Source: cdc-source \\(topics: \\[[^]]*" + SQLSERVER_TOPIC.replace(".", "\\."))
                .contains("Processor: enrich (stores: [enrichment-")
                .contains("Source: replay-source (topics: [cognitive-cdc.replay])")
                .contains("Sink: enriched-sink (topic: " + ENRICHED_TOPIC + ")")
                .contains("Sink: dead-letter-sink (topic: cognitive-cdc.dead-letter)")
                .contains("Sink: replay-results-sink (topic: cognitive-cdc.replay-results)");
    }
}
