package io.cognitivecdc.topology;

import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_KEY;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_VALUE;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.key;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.pgEvent;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.llm.azure.AzureOpenAiChatModelFactory;
import io.cognitivecdc.llmsimulator.Fault;
import io.cognitivecdc.llmsimulator.FaultSettings;
import io.cognitivecdc.llmsimulator.LlmSimulator;
import io.cognitivecdc.llmsimulator.SimulatorConfig;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.PipelineDefinitionReader;
import io.cognitivecdc.pipeline.TestPipelines;
import io.cognitivecdc.steps.ClassifierStepType;
import io.cognitivecdc.steps.SummarizerStepType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every fault of the LLM simulator, through the real Azure OpenAI provider and the topology: what the operator sees
 * for each (an enriched row after retrying a passing fault, or a failure of the right kind for a permanent one),
 * triggered per row with the simulator's {@code [sim:FAULT]} marker in the note.
 */
class SimulatorFaultsTopologyTest {

    private static LlmSimulator simulator;

    private final InMemorySchemaStore schemas = new InMemorySchemaStore();
    private final Serde<GenericRecord> serde = schemas.genericSerde();
    private final List<EnrichmentFailure> failures = new CopyOnWriteArrayList<>();
    private Pipeline pipeline;
    private TopologyTestDriver driver;
    private TestOutputTopic<GenericRecord, GenericRecord> enriched;

    @BeforeAll
    static void startSimulator() {
        // Slow answers take longer than the provider's 1 s timeout below.
        simulator = LlmSimulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.builder().slowDelay(Duration.ofSeconds(3)).build()).build());
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void startDriver() {
        String definition = TestPipelines.VISITS.replace("model: { type: fake }",
                "model: { type: azure-openai, endpoint: \"" + simulator.endpoint() + "\", api-key: \""
                        + simulator.apiKey() + "\", deployment: visits, timeout: 1s }");
        pipeline = new PipelineDefinitionReader(
                Map.of("classifier", new ClassifierStepType(), "summarizer", new SummarizerStepType()),
                Map.of("azure-openai", new AzureOpenAiChatModelFactory()), name -> null)
                .read(definition, "visits.yaml");
        Properties props = new Properties();
        props.putAll(EnrichmentApplication.streamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "faults",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092")));
        // Passing faults pause new calls briefly before the row is asked again.
        Map<String, Object> settings = Map.of(EnrichmentProcessorConfig.BACKOFF_INITIAL_MS_CONFIG, 100L);
        driver = new TopologyTestDriver(EnrichmentTopology.build(pipeline, new EnrichmentSerdes(serde, serde, serde, serde),
                failures::add, settings), props);
        enriched = driver.createOutputTopic("visits.enriched", serde.deserializer(), serde.deserializer());
        simulator.resetStats();
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        pipeline.close();
    }

    private void insert(String notes) {
        driver.createInputTopic("pg.public.visits", serde.serializer(), serde.serializer())
                .pipeInput(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, notes)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            invalid_json          | INVALID_OUTPUT   | not valid JSON
            out_of_taxonomy       | INVALID_OUTPUT   | does not have a value in the enumeration
            confidence_above_one  | INVALID_OUTPUT   | must have a maximum value of 1
            too_long_summary      | INVALID_OUTPUT   | must be at most 120 characters long
            content_filter        | CONTENT_FILTERED | content
            content_filter_output | CONTENT_FILTERED | content filter
            """)
    void shouldReportEachPermanentFaultAsTheRightKindOfFailure(String fault, String errorType, String messageHint) {
        insert("Emergency: fell off a ladder, wrist fracture. [sim:" + fault + "]");
        Pump.until(driver, () -> !failures.isEmpty());

        assertThat(enriched.isEmpty()).as("no enriched row").isTrue();
        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.errorType()).isEqualTo(errorType);
            assertThat(failure.transientFailure()).isFalse();
            String details = failure.message() + " " + String.join(" ", failure.validationErrors());
            assertThat(details).containsIgnoringCase(messageHint);
        });
        if (errorType.equals("INVALID_OUTPUT")) {
            // The first ask and the corrective retries: max_retries 2 for the classifier, the default 3 for the summarizer.
            assertThat(failures.get(0).attempts()).isEqualTo(failures.get(0).step().equals("visit_type") ? 3 : 4);
        }
    }

    @ParameterizedTest(name = "{0} while it lasts")
    @CsvSource({"rate_limit", "server_error", "unavailable", "slow"})
    void shouldKeepTheRowPendingThroughAPassingFaultAndEnrichItAfterwards(String fault) {
        simulator.setFaults(FaultSettings.builder().rate(Fault.parse(fault), 1.0)
                .slowDelay(Duration.ofSeconds(3)).build());
        try {
            insert("Emergency: fell off a ladder, wrist fracture.");
            Pump.until(driver, () -> simulator.stats().requests() >= 2);

            assertThat(enriched.isEmpty()).isTrue();
            assertThat(failures).as("a passing fault fails no row").isEmpty();
        } finally {
            simulator.setFaults(FaultSettings.builder().slowDelay(Duration.ofSeconds(3)).build());
        }
        Pump.until(driver, () -> !enriched.isEmpty());

        assertThat(enriched.readValue().get("category")).hasToString("emergency");
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest(name = "{0} on the first attempt only")
    @CsvSource({"invalid_json, 4", "out_of_taxonomy, 3", "confidence_above_one, 3", "too_long_summary, 3"})
    void shouldEnrichAfterACorrectiveRetryWhenOnlyTheFirstAnswerIsInvalid(String fault, long requests) {
        insert("Emergency: fell off a ladder, wrist fracture. [sim:" + fault + "@1]");
        Pump.until(driver, () -> !enriched.isEmpty());

        assertThat(failures).isEmpty();
        GenericRecord row = enriched.readValue();
        assertThat(row.get("category")).hasToString("emergency");
        assertThat(row.get("summary").toString()).hasSizeLessThanOrEqualTo(120);
        // Two steps, plus one corrective retry for each step the fault applies to (invalid JSON: both).
        assertThat(simulator.stats().requests()).isEqualTo(requests);
    }
}
