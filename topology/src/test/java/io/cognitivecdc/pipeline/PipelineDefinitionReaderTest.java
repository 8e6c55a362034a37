package io.cognitivecdc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cognitivecdc.llm.FakeChatModel;
import io.cognitivecdc.llm.resilience.ResilientChatModel;
import io.cognitivecdc.settings.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineDefinitionReaderTest {

    private final FakeChatModel model = new FakeChatModel();

    @Test
    void shouldReadStepsInputsAndTypedColumns() {
        try (Pipeline pipeline = TestPipelines.visits(model)) {
            assertThat(pipeline.name()).isEqualTo("visits");
            assertThat(pipeline.sourceTopics()).containsExactly("pg.public.visits", "server1.clinic.dbo.visits");
            assertThat(pipeline.enrichedTopic()).isEqualTo("visits.enriched");
            assertThat(pipeline.steps()).extracting(PipelineStep::name).containsExactly("visit_type", "summary");
            assertThat(pipeline.steps().get(1).inputs().get("focus").referencedSteps()).containsExactly("visit_type");
            assertThat(pipeline.columns()).extracting(OutputColumn::name, OutputColumn::type).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("category", "string"),
                    org.assertj.core.groups.Tuple.tuple("confidence", "double"),
                    org.assertj.core.groups.Tuple.tuple("needs_review", "boolean"),
                    org.assertj.core.groups.Tuple.tuple("summary", "string"));
        }
    }

    @Test
    void shouldNameFileAndPathOfMissingTaxonomyDefinition(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("pipeline.yaml"),
                TestPipelines.VISITS.replace("{ name: inpatient, definition: The patient is admitted and stays overnight }",
                        "{ name: inpatient }"));

        assertThatThrownBy(() -> TestPipelines.reader(model).read(file))
                .isInstanceOf(InvalidPipelineDefinitionException.class)
                .hasMessageStartingWith(file + ": 1 problem")
                .hasMessageContaining("steps[0].taxonomy[1].definition: missing; it is required");
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        String definition = TestPipelines.VISITS
                .replace("type: summarizer", "type: summariser")
                .replace("max_retries: 2", "max_retries: many")
                .replace("provider: model\n    inputs:\n      text: raw.clinical_notes\n      focus", "provider: gpt\n    inputs:\n      text: raw.clinical_notes\n      focus");

        List<Problem> problems = problems(definition);

        assertThat(problems).extracting(Problem::toString).containsExactlyInAnyOrder(
                "steps[0].max_retries: must be a whole number between 0 and 10, was 'many'",
                "steps[1].type: unknown step type 'summariser'; known types are [classifier, summarizer]",
                "steps[1].provider: no provider named 'gpt' in providers; providers are [model]");
    }

    @Test
    void shouldRejectStepReadingALaterStep() {
        String definition = TestPipelines.VISITS.replace("context: \"Patient ${raw.patient_name}\"",
                "context: processed.summary.text");

        assertThat(problems(definition)).extracting(Problem::toString).containsExactly(
                "steps[0].inputs.context: reads processed.summary, but no step named 'summary' runs before this one; "
                        + "steps run in the order listed, and earlier steps are []");
    }

    @Test
    void shouldRejectUnknownInputAndMissingRequiredInput() {
        String definition = TestPipelines.VISITS.replace("      text: raw.clinical_notes\n      context:",
                "      txt: raw.clinical_notes\n      context:");

        assertThat(problems(definition)).extracting(Problem::toString).containsExactlyInAnyOrder(
                "steps[0].inputs.txt: a classifier has no input 'txt'; its inputs are [context, text]",
                "steps[0].inputs.text: missing; a classifier needs input 'text'");
    }

    @Test
    void shouldRejectInvalidExpressions() {
        String definition = TestPipelines.VISITS
                .replace("text: raw.clinical_notes\n      context", "text: raw.clinical_notes +\n      context")
                .replace("summary: processed.summary.text", "summary: System.exit(1)");

        assertThat(problems(definition)).extracting(Problem::path)
                .containsExactlyInAnyOrder("steps[0].inputs.text", "columns.summary");
        assertThat(problems(definition)).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("refers to 'System'; expressions read raw.<column>"));
    }

    @Test
    void shouldRejectColumnOfUnknownStepOrField() {
        String definition = TestPipelines.VISITS
                .replace("category: processed.visit_type.category", "category: processed.visit_type.categry")
                .replace("summary: processed.summary.text", "summary: processed.sumary.text");

        assertThat(problems(definition)).extracting(Problem::toString).containsExactlyInAnyOrder(
                "columns.category: step visit_type has no output field 'categry'; its fields are "
                        + "[category, confidence, reasoning, needs_review]",
                "columns.summary: reads processed.sumary, but there is no step named 'sumary'; steps are "
                        + "[visit_type, summary]");
    }

    @Test
    void shouldRejectUnknownKeysAndDuplicateNames() {
        String definition = TestPipelines.VISITS
                .replace("name: summary\n", "name: visit_type\n")
                .replace("columns:", "colums:\n  x: raw.x\ncolumns:");

        assertThat(problems(definition)).extracting(Problem::toString).containsExactlyInAnyOrder(
                "colums: unknown setting; known settings here are "
                        + "[columns, enriched, name, payload_log, providers, source, steps]",
                "steps[1].name: a step named 'visit_type' comes earlier; step names must be unique",
                "columns.summary: reads processed.summary, but there is no step named 'summary'; steps are [visit_type]");
    }

    @Test
    void shouldReportProviderSettingProblemsWithTheirPath() {
        String definition = TestPipelines.VISITS.replace("model: { type: fake }", "model: { type: fake, fail: \"${env:NOT_SET}\" }");

        assertThat(problems(definition)).extracting(Problem::toString).contains(
                "providers.model.fail: environment variable NOT_SET is not set");
    }

    @Test
    void shouldPassResolvedEnvironmentVariablesToTheProvider() {
        String definition = TestPipelines.VISITS.replace("model: { type: fake }", "model: { type: fake, fail: \"${env:SET}\" }");

        assertThatThrownBy(() -> TestPipelines.reader(model, Map.of("SET", "yes")).read(definition, "p.yaml"))
                .hasMessageContaining("providers.model.fail: was asked to fail: yes");
    }

    @Test
    void shouldChooseStepProviderFromEnvironmentAndCreateOnlyProvidersInUse() {
        // 'broken' would fail if it were created; no step uses it.
        String definition = TestPipelines.VISITS
                .replace("model: { type: fake }", "model: { type: fake }\n  broken: { type: fake, fail: never-created }")
                .replace("provider: model", "provider: \"${env:LLM}\"");

        try (Pipeline pipeline = TestPipelines.reader(model, Map.of("LLM", "model")).read(definition, "p.yaml")) {
            assertThat(pipeline.models()).containsOnlyKeys("model");
        }
        assertThat(problems(definition.replace("${env:LLM}", "${env:UNSET}"))).extracting(Problem::toString)
                .contains("steps[0].provider: environment variable UNSET is not set");
    }

    @Test
    void shouldWriteThePayloadLogWithRedactedFieldsWhenEnabled(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("payloads.jsonl");
        String definition = TestPipelines.VISITS + "payload_log:\n  enabled: true\n  file: " + log
                + "\n  redact: [context]\n  truncate: 200\n";

        try (Pipeline pipeline = TestPipelines.reader(model).read(definition, "p.yaml")) {
            pipeline.steps().get(0).step().run(Map.of("text", "Emergency: chest pain.", "context", "Patient Jane Doe"),
                    "{\"id\":1}");
        }

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).singleElement().asString()
                .contains("\"step\":\"visit_type\"")
                .contains("Emergency: chest pain.")
                .contains("[REDACTED]")
                .doesNotContain("Jane Doe");
    }

    @Test
    void shouldKeepThePayloadLogOffByDefault() {
        try (Pipeline pipeline = TestPipelines.visits(model)) {
            assertThat(pipeline.models().get("model")).isInstanceOfSatisfying(ResilientChatModel.class,
                    resilient -> assertThat(resilient.delegate()).isSameAs(model));
        }
    }

    @Test
    void shouldPointAtTheLineOfAYamlSyntaxError() {
        assertThat(problems("name: x\nsteps: [\n")).singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).startsWith("line ");
                    assertThat(p.message()).startsWith("not valid YAML");
                });
    }

    @Test
    void shouldRejectEnrichedTopicThatIsAlsoASource() {
        String definition = TestPipelines.VISITS.replace("topic: visits.enriched", "topic: pg.public.visits");

        assertThat(problems(definition)).extracting(Problem::toString).containsExactly(
                "enriched.topic: 'pg.public.visits' is also a source topic; the pipeline would read its own output");
    }

    private List<Problem> problems(String definition) {
        return TestPipelines.problems(model, definition);
    }
}
