package io.cognitivecdc.pipeline;

import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_KEY;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_VALUE;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.key;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.pgEvent;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.FakeChatModel;
import io.cognitivecdc.state.EnrichmentStates;
import io.cognitivecdc.steps.ClassifierStep;
import io.cognitivecdc.steps.SummarizerStep;
import io.cognitivecdc.topology.EnrichmentApplication;
import io.cognitivecdc.topology.EnrichmentSerdes;
import io.cognitivecdc.topology.EnrichmentTopology;
import io.cognitivecdc.topology.InMemorySchemaStore;
import io.cognitivecdc.topology.Pump;
import org.apache.kafka.streams.TestOutputTopic;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** The Java API: steps with input maps of functions of the state, as in the seeds. */
class PipelineBuilderTest {

    @Test
    void shouldRunAPipelineBuiltInJavaWithFunctionInputs() {
        FakeChatModel fake = new FakeChatModel();
        PipelineBuilder builder = Pipeline.builder()
                .name("visits-java")
                .sourceTopics("pg.public.visits")
                .enrichedTopic("visits.enriched");
        ChatModel model = builder.model("fake", fake);
        List<ClassifierStep.Category> taxonomy = List.of(
                new ClassifierStep.Category("emergency", "Unplanned visit for an acute problem", List.of()),
                new ClassifierStep.Category("outpatient", "A scheduled visit", List.of()));
        Pipeline pipeline = builder
                .step(new ClassifierStep("visit_type", model, taxonomy, ClassifierStep.Options.DEFAULTS),
                        Map.of("text", state -> state.getRaw().get("clinical_notes")))
                .step(new SummarizerStep("summary", model, SummarizerStep.Options.DEFAULTS),
                        Map.of("text", state -> state.getRaw().get("clinical_notes"),
                                "focus", state -> EnrichmentStates.output(state, "visit_type").get("category")))
                .column("category", "string", "processed.visit_type.category")
                .column("summary", "string", state -> EnrichmentStates.output(state, "summary").get("text"))
                .build();

        InMemorySchemaStore schemas = new InMemorySchemaStore();
        Serde<GenericRecord> serde = schemas.genericSerde();
        Properties props = new Properties();
        props.putAll(EnrichmentApplication.streamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "java-api",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092")));
        try (pipeline; TopologyTestDriver driver = new TopologyTestDriver(
                EnrichmentTopology.build(pipeline, new EnrichmentSerdes(serde, serde, serde, serde), failure -> { }), props)) {
            driver.createInputTopic("pg.public.visits", serde.serializer(), serde.serializer())
                    .pipeInput(key(PG_KEY, 3), pgEvent("c", null, row(PG_VALUE, 3, "Emergency: chest pain. ECG normal.")));

            TestOutputTopic<GenericRecord, GenericRecord> output =
                    driver.createOutputTopic("visits.enriched", serde.deserializer(), serde.deserializer());
            Pump.until(driver, () -> !output.isEmpty());
            GenericRecord enriched = output.readValue();

            assertThat(enriched.get("category")).hasToString("emergency");
            assertThat(enriched.get("summary")).hasToString("Emergency: chest pain.");
            assertThat(fake.requests("summarize").get(0).task().path("focus").asText()).isEqualTo("emergency");
        }
    }

    @Test
    void shouldNameWhatIsMissing() {
        assertThatThrownBy(() -> Pipeline.builder().name("x").sourceTopics("a").enrichedTopic("a").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("enriched topic a is also a source topic")
                .hasMessageContaining("no steps")
                .hasMessageContaining("no columns");
    }
}
