package io.cognitivecdc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.llm.FakeChatModel;
import io.cognitivecdc.llm.FixedModelFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** New step types plug in through ServiceLoader, next to the built-in ones. */
class StepTypePluginTest {

    @Test
    void shouldFindBuiltInAndPluggedInStepTypesThroughServiceLoader() {
        PipelineDefinitionReader defaults = new PipelineDefinitionReader();
        assertThat(defaults.stepTypes()).containsKeys("classifier", "summarizer", "uppercase");

        PipelineDefinitionReader reader = new PipelineDefinitionReader(defaults.stepTypes(),
                Map.of("fake", new FixedModelFactory("fake", new FakeChatModel())), name -> null);
        try (Pipeline pipeline = reader.read("""
                name: shout
                source: { topics: [in] }
                enriched: { topic: out }
                providers: { none: { type: fake } }
                steps:
                  - { name: loud, type: uppercase, provider: none, inputs: { text: raw.notes } }
                columns: { loud: processed.loud.text }
                """, "shout.yaml")) {
            assertThat(pipeline.steps().get(0).step().run(Map.of("text", "quiet please"), "{}").fields())
                    .containsEntry("text", "QUIET PLEASE");
        }
    }
}
