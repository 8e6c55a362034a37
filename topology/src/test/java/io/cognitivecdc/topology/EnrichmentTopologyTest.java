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

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cognitivecdc.schemas.EnrichedRow;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
    private final Serde<EnrichedRow> enrichedSerde = schemas.specificSerde();
    private final ListAppender<ILoggingEvent> processorLog = new ListAppender<>();

    private TopologyTestDriver driver;
    private TestInputTopic<GenericRecord, GenericRecord> pgChanges;
    private TestInputTopic<GenericRecord, GenericRecord> sqlServerChanges;
    private TestOutputTopic<GenericRecord, EnrichedRow> enriched;

    @BeforeEach
    void startDriver() {
        TopologyConfig config = new TopologyConfig(Map.of(
                TopologyConfig.SOURCE_TOPICS_CONFIG, PG_TOPIC + "," + SQLSERVER_TOPIC,
                TopologyConfig.ENRICHED_TOPIC_CONFIG, ENRICHED_TOPIC,
                TopologyConfig.TEXT_FIELD_CONFIG, "clinical_notes"));
        Topology topology = EnrichmentTopology.build(config,
                new EnrichmentSerdes(genericSerde, genericSerde, enrichedSerde));
        // The application's defaults, so exactly-once and the deserialization handler are what tests exercise.
        Map<String, Object> streamsConfig = EnrichmentApplication.streamsConfig(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "enrichment-test",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"));
        Properties props = new Properties();
        props.putAll(streamsConfig);
        driver = new TopologyTestDriver(topology, props, WALL_CLOCK);
        pgChanges = driver.createInputTopic(PG_TOPIC, genericSerde.serializer(), genericSerde.serializer());
        sqlServerChanges = driver.createInputTopic(SQLSERVER_TOPIC, genericSerde.serializer(), genericSerde.serializer());
        enriched = driver.createOutputTopic(ENRICHED_TOPIC, genericSerde.deserializer(), enrichedSerde.deserializer());

        processorLog.start();
        ((Logger) LoggerFactory.getLogger(EnrichmentProcessor.class)).addAppender(processorLog);
    }

    @AfterEach
    void closeDriver() {
        ((Logger) LoggerFactory.getLogger(EnrichmentProcessor.class)).detachAppender(processorLog);
        driver.close();
    }

    @Test
    void shouldEmitEnrichedRowKeyedByRowKeyWhenRowInserted() {
        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, "Seen in the ER after a fall. Stitched.")));

        TestRecord<GenericRecord, EnrichedRow> output = enriched.readRecord();

        assertThat(output.key()).isEqualTo(key(PG_KEY, 7));
        assertThat(output.key().getSchema()).isEqualTo(PG_KEY);
        assertThat(output.value()).isEqualTo(EnrichedRow.newBuilder()
                .setCategory("emergency")
                .setConfidence(null)
                .setSummary("Seen in the ER after a fall.")
                .setEnrichedBy("placeholder")
                .setSourceTable("public.visits")
                .setSourceTsMs(SOURCE_TS_MS)
                .setEnrichedAtMs(WALL_CLOCK.toEpochMilli())
                .build());
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldEnrichSnapshotReadsAndUpdates() {
        pgChanges.pipeInput(key(PG_KEY, 1), pgEvent("r", null, row(PG_VALUE, 1, "Routine check.")));
        pgChanges.pipeInput(key(PG_KEY, 1), pgEvent("u", null, row(PG_VALUE, 1, "Admitted overnight.")));

        assertThat(enriched.readValuesToList())
                .extracting(EnrichedRow::getCategory, EnrichedRow::getSummary)
                .containsExactly(
                        tuple("outpatient", "Routine check."),
                        tuple("inpatient", "Admitted overnight."));
    }

    @Test
    void shouldEnrichSqlServerChangeEvents() {
        sqlServerChanges.pipeInput(key(SQLSERVER_KEY, 42), sqlServerEvent("c", null, row(SQLSERVER_VALUE, 42, "Trauma bay."),
                "0000002b:00000ae8:0003", "0000002b:00000ae8:0002", 1));

        TestRecord<GenericRecord, EnrichedRow> output = enriched.readRecord();

        assertThat(output.key()).isEqualTo(key(SQLSERVER_KEY, 42));
        assertThat(output.value().getSourceTable()).isEqualTo("dbo.visits");
        assertThat(output.value().getCategory()).isEqualTo("emergency");
    }

    @Test
    void shouldEmitTombstoneWhenRowDeleted() {
        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("d", row(PG_VALUE, 7, "Seen in the ER."), null));

        TestRecord<GenericRecord, EnrichedRow> output = enriched.readRecord();

        assertThat(output.key()).isEqualTo(key(PG_KEY, 7));
        assertThat(output.value()).isNull();
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldSkipDebeziumTombstone() {
        pgChanges.pipeInput(key(PG_KEY, 7), pgEvent("d", row(PG_VALUE, 7, "x"), null));
        pgChanges.pipeInput(key(PG_KEY, 7), (GenericRecord) null);

        assertThat(enriched.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldKeepRunningWhenEnvelopeMalformed() {
        // A row already unwrapped by ExtractNewRecordState: no op, no source.
        pgChanges.pipeInput(key(PG_KEY, 7), row(PG_VALUE, 7, "Seen in the ER."));
        pgChanges.pipeInput(key(PG_KEY, 8), pgEvent("c", null, row(PG_VALUE, 8, "Routine check.")));

        assertThat(enriched.readKeyValuesToList()).singleElement()
                .satisfies(kv -> assertThat(kv.key).isEqualTo(key(PG_KEY, 8)));
        assertThat(processorLog.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                    .contains("topic " + PG_TOPIC + " partition 0 offset 0")
                    .contains("no 'op' field");
        });
    }

    @Test
    void shouldKeepRunningWhenValueCannotBeDeserialized() {
        TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(PG_TOPIC, new ByteArraySerializer(), new ByteArraySerializer());
        raw.pipeInput(genericSerde.serializer().serialize(PG_TOPIC, key(PG_KEY, 7)), "{\"op\":\"c\"}".getBytes());
        pgChanges.pipeInput(key(PG_KEY, 8), pgEvent("c", null, row(PG_VALUE, 8, "Routine check.")));

        assertThat(enriched.readKeyValuesToList()).singleElement()
                .satisfies(kv -> assertThat(kv.key).isEqualTo(key(PG_KEY, 8)));
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
    void shouldSkipChangeEventWithoutKey() {
        pgChanges.pipeInput(null, pgEvent("c", null, row(PG_VALUE, 7, "Routine check.")));

        assertThat(enriched.isEmpty()).isTrue();
        assertThat(processorLog.list).singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage()).contains("has no key"));
    }

    @Test
    void shouldNameEveryNode() {
        Topology topology = EnrichmentTopology.build(
                new TopologyConfig(Map.of(
                        TopologyConfig.SOURCE_TOPICS_CONFIG, PG_TOPIC,
                        TopologyConfig.ENRICHED_TOPIC_CONFIG, ENRICHED_TOPIC,
                        TopologyConfig.TEXT_FIELD_CONFIG, "clinical_notes")),
                new EnrichmentSerdes(genericSerde, genericSerde, enrichedSerde));

        assertThat(topology.describe().toString())
                .contains("Source: cdc-source (topics: [" + PG_TOPIC + "])")
                .contains("Processor: enrich (stores: [])")
                .contains("Sink: enriched-sink (topic: " + ENRICHED_TOPIC + ")");
    }
}
