package io.cognitivecdc.pipeline;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.FixedModelFactory;
import io.cognitivecdc.settings.Problem;
import io.cognitivecdc.steps.ClassifierStepType;
import io.cognitivecdc.steps.SummarizerStepType;

import java.util.List;
import java.util.Map;

/** Pipeline definitions for tests, read with a {@code fake} provider type that hands out a given model. */
public final class TestPipelines {

    /** Visits from PostgreSQL and SQL Server: classify the notes, then summarize them with the visit type as focus. */
    public static final String VISITS = """
            name: visits
            source:
              topics: [pg.public.visits, server1.clinic.dbo.visits]
            enriched:
              topic: visits.enriched
            providers:
              model: { type: fake }
            steps:
              - name: visit_type
                type: classifier
                provider: model
                inputs:
                  text: raw.clinical_notes
                  context: "Patient ${raw.patient_name}"
                max_retries: 2
                review_below: 0.6
                taxonomy:
                  - { name: emergency, definition: Unplanned visit for an acute problem or injury }
                  - { name: inpatient, definition: The patient is admitted and stays overnight }
                  - { name: outpatient, definition: A scheduled visit or routine check-up }
              - name: summary
                type: summarizer
                provider: model
                inputs:
                  text: raw.clinical_notes
                  focus: processed.visit_type.category
                max_length: 120
            columns:
              category: processed.visit_type.category
              confidence: processed.visit_type.confidence
              needs_review: processed.visit_type.needs_review
              summary: processed.summary.text
            """;

    private TestPipelines() {
    }

    /** A reader whose only provider type is {@code fake}, handing out {@code model}. */
    public static PipelineDefinitionReader reader(ChatModel model) {
        return reader(model, Map.of());
    }

    /** The same, with a fake environment for {@code ${env:...}}. */
    public static PipelineDefinitionReader reader(ChatModel model, Map<String, String> environment) {
        return new PipelineDefinitionReader(
                Map.of("classifier", new ClassifierStepType(), "summarizer", new SummarizerStepType()),
                Map.of("fake", new FixedModelFactory("fake", model)),
                environment::get);
    }

    public static Pipeline visits(ChatModel model) {
        return reader(model).read(VISITS, "visits.yaml");
    }

    /** The problems {@link #reader} finds in {@code definition}; fails when it accepts the definition. */
    public static List<Problem> problems(ChatModel model, String definition) {
        try {
            reader(model).read(definition, "pipeline.yaml").close();
        } catch (InvalidPipelineDefinitionException e) {
            return e.problems();
        }
        throw new AssertionError("the definition was accepted");
    }
}
