package io.cognitivecdc.pipeline.definition;

import static io.cognitivecdc.pipeline.definition.DefinitionSections.messages;
import static io.cognitivecdc.pipeline.definition.DefinitionSections.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.llm.FakeChatModel;
import io.cognitivecdc.llm.FixedModelFactory;
import io.cognitivecdc.llm.payloadlog.PayloadLog;
import io.cognitivecdc.pipeline.PipelineStep;
import io.cognitivecdc.pipeline.expression.ExpressionCompiler;
import io.cognitivecdc.settings.EnvironmentReferences;
import io.cognitivecdc.settings.Problems;
import io.cognitivecdc.steps.ClassifierStepType;
import io.cognitivecdc.steps.SummarizerStepType;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code steps} section, each step's inputs included. */
class StepsDefinitionTest {

    private static final String TAXONOMY = "taxonomy: [{ name: a, definition: A }]";

    private final Problems problems = new Problems();
    private final EnvironmentReferences environment = new EnvironmentReferences(Map.of("LLM", "model")::get);
    private final ProviderModels providers = ProvidersDefinition.read(yaml("{ model: { type: fake } }"),
            Map.of("fake", new FixedModelFactory("fake", new FakeChatModel())), PayloadLog.disabled(), environment,
            problems);
    private final StepsDefinition definition = new StepsDefinition(
            Map.of("classifier", new ClassifierStepType(), "summarizer", new SummarizerStepType()), providers,
            environment, new ExpressionCompiler());

    @AfterEach
    void closeModels() {
        providers.closeQuietly();
    }

    private StepsDefinition.Steps read(String steps) {
        return definition.read(yaml(steps), problems);
    }

    @Test
    void shouldReadStepsInOrderWithTheirInputsAndTypes() {
        StepsDefinition.Steps steps = read("""
                - { name: kind, type: classifier, provider: "${env:LLM}", inputs: { text: raw.notes }, %s }
                - name: gist
                  type: summarizer
                  provider: model
                  inputs: { text: raw.notes, focus: processed.kind.category }
                """.formatted(TAXONOMY));

        assertThat(messages(problems)).isEmpty();
        assertThat(steps.steps()).extracting(PipelineStep::name).containsExactly("kind", "gist");
        assertThat(steps.typeOfStep()).containsOnlyKeys("kind", "gist");
        assertThat(providers.created()).containsOnlyKeys("model");
    }

    @Test
    void shouldReportPathWhenTaxonomyDefinitionMissing() {
        read("- { name: kind, type: classifier, provider: model, inputs: { text: raw.notes },"
                + " taxonomy: [{ name: a, definition: A }, { name: b }] }");

        assertThat(messages(problems)).containsExactly("steps[0].taxonomy[1].definition: missing; it is required");
    }

    @Test
    void shouldReportMissingProviderAsRequiredEvenWhenWrittenWithoutAValue() {
        read("""
                - { name: kind, type: classifier, inputs: { text: raw.notes }, %s }
                - { name: kind2, type: classifier, provider: , inputs: { text: raw.notes }, %s }
                """.formatted(TAXONOMY, TAXONOMY));

        assertThat(messages(problems)).containsExactly("steps[0].provider: missing; it is required",
                "steps[1].provider: missing; it is required");
    }

    @Test
    void shouldReportNameTypeAndInputsOfAStepEachWithItsPath() {
        read("""
                - { name: visit-type, type: clasifier, provider: model, inputs: { text: raw.notes } }
                - { name: gist, type: summarizer, provider: model, inputs: raw.notes }
                - plain text
                """);

        assertThat(messages(problems)).containsExactly(
                "steps[0].name: 'visit-type' must be an identifier (letters, digits, _), since expressions refer "
                        + "to it as processed.visit-type",
                "steps[0].type: unknown step type 'clasifier'; known types are [classifier, summarizer]",
                "steps[1].inputs: must be a mapping; map the inputs [focus, text] to expressions such as raw.<column>",
                "steps[2]: must be a mapping with name, type, provider and inputs");
    }

    @Test
    void shouldKnowAStepOfUnknownTypeByName() {
        StepsDefinition.Steps steps = read("- { name: kind, type: nope, provider: model, inputs: { text: raw.x } }");

        assertThat(steps.steps()).isEmpty();
        assertThat(steps.typeOfStep()).containsEntry("kind", null);
    }

    @Test
    void shouldReportMissingSteps() {
        read("[]");

        assertThat(messages(problems)).containsExactly(
                "steps: missing or empty; list the steps to run, e.g. a classifier and a summarizer");
    }
}
