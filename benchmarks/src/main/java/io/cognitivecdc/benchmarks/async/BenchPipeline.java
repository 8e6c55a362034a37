package io.cognitivecdc.benchmarks.async;

import io.cognitivecdc.pipeline.Pipeline;

/**
 * The pipeline every enrichment cell runs: classify the visit notes ({@code raw.clinical_notes}), and with two steps
 * also summarize them, on the cell's {@link BenchModel}.
 */
final class BenchPipeline {

    private static final String CLASSIFY = """
              - name: kind
                type: classifier
                provider: model
                inputs: { text: raw.clinical_notes }
                taxonomy:
                  - { name: emergency, definition: "Acute, potentially serious problem in an emergency department." }
                  - { name: inpatient, definition: "Patient admitted to hospital, staying overnight or longer." }
                  - { name: outpatient, definition: "Scheduled clinic appointment or routine follow-up." }
                  - { name: telehealth, definition: "Remote consultation by video or phone." }
            """;
    private static final String SUMMARIZE = """
              - name: summary
                type: summarizer
                provider: model
                inputs: { text: raw.clinical_notes }
                max_length: 120
            """;

    private BenchPipeline() {
    }

    /** Reads the pipeline from {@code topics.in()} to {@code topics.out()} with {@code steps} (1 or 2) steps. */
    static Pipeline read(BenchBroker.Topics topics, BenchModel model, int steps) {
        if (steps < 1 || steps > 2) {
            throw new IllegalArgumentException("the benchmark pipeline has 1 or 2 steps, not " + steps);
        }
        return model.reader().read(yaml(topics, model, steps), "bench-async.yaml");
    }

    static String yaml(BenchBroker.Topics topics, BenchModel model, int steps) {
        return "name: bench\n"
                + "source: { topics: [\"" + topics.in() + "\"] }\n"
                + "enriched: { topic: \"" + topics.out() + "\" }\n"
                + "providers:\n  model:\n" + model.providerYaml().indent(4)
                + "steps:\n" + CLASSIFY + (steps == 2 ? SUMMARIZE : "")
                + "columns:\n  category: processed.kind.category\n"
                + (steps == 2 ? "  summary: processed.summary.text\n" : "");
    }
}
