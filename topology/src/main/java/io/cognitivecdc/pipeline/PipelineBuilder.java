package io.cognitivecdc.pipeline;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.payloadlog.PayloadLog;
import io.cognitivecdc.llm.payloadlog.PayloadLoggingChatModel;
import io.cognitivecdc.pipeline.expression.Expression;
import io.cognitivecdc.pipeline.expression.ExpressionCompiler;
import io.cognitivecdc.pipeline.expression.FunctionExpression;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.steps.Step;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a {@link Pipeline} in Java, with input maps of functions as in the seeds:
 *
 * <pre>{@code
 * PipelineBuilder builder = Pipeline.builder()
 *         .name("clinic-encounters")
 *         .sourceTopics("cdc.public.encounters")
 *         .enrichedTopic("cdc.enriched.encounters")
 *         .payloadLog(PayloadLog.builder().enabled(true).redact(List.of("patient_name")).build());
 * ChatModel model = builder.model("azure", azureModel);   // owned by the pipeline, wrapped by the payload log
 * Pipeline pipeline = builder
 *         .step(new ClassifierStep("visit_type", model, taxonomy, ClassifierStep.Options.DEFAULTS),
 *               Map.of("text", state -> state.getRaw().get("clinical_notes")))
 *         .step(new SummarizerStep("summary", model, SummarizerStep.Options.DEFAULTS),
 *               Map.of("text", state -> state.getRaw().get("clinical_notes"),
 *                      "focus", state -> EnrichmentStates.output(state, "visit_type").get("category")))
 *         .column("category", "string", "processed.visit_type.category")
 *         .column("summary", "string", state -> EnrichmentStates.output(state, "summary").get("text"))
 *         .build();
 * }</pre>
 */
public final class PipelineBuilder {

    private final ExpressionCompiler compiler = new ExpressionCompiler();
    private String name;
    private final List<String> sourceTopics = new ArrayList<>();
    private String enrichedTopic;
    private final List<PipelineStep> steps = new ArrayList<>();
    private final List<OutputColumn> columns = new ArrayList<>();
    private final Map<String, ChatModel> models = new LinkedHashMap<>();
    private PayloadLog payloadLog = PayloadLog.disabled();

    PipelineBuilder() {
    }

    public PipelineBuilder name(String name) {
        this.name = name;
        return this;
    }

    public PipelineBuilder sourceTopics(String... topics) {
        sourceTopics.addAll(List.of(topics));
        return this;
    }

    public PipelineBuilder enrichedTopic(String topic) {
        this.enrichedTopic = topic;
        return this;
    }

    /**
     * A model the pipeline owns and closes with itself, wrapped by the payload log when one is set; pass the returned
     * model to the steps.
     */
    public ChatModel model(String name, ChatModel model) {
        ChatModel logged = PayloadLoggingChatModel.wrap(model, payloadLog);
        models.put(name, logged);
        return logged;
    }

    /** Records every model call of the pipeline's models added after this (off by default); closed with the pipeline. */
    public PipelineBuilder payloadLog(PayloadLog log) {
        this.payloadLog = log;
        return this;
    }

    /** Adds a step; its inputs are functions of the row's state, run in the order steps are added. */
    public PipelineBuilder step(Step step, Map<String, Function<EnrichmentState, ?>> inputs) {
        Map<String, Expression> expressions = new LinkedHashMap<>();
        inputs.forEach((input, function) -> expressions.put(input,
                new FunctionExpression("java:" + step.name() + "." + input, Set.of(), function)));
        steps.add(new PipelineStep(step, expressions));
        return this;
    }

    /** Adds a column computed by a function of the row's state. */
    public PipelineBuilder column(String name, String type, Function<EnrichmentState, ?> value) {
        columns.add(new OutputColumn(name, new FunctionExpression("java:" + name, Set.of(), value), type));
        return this;
    }

    /** Adds a column computed by an expression, as in definition files. */
    public PipelineBuilder column(String name, String type, String expression) {
        columns.add(new OutputColumn(name, compiler.compile(expression), type));
        return this;
    }

    /**
     * @throws IllegalStateException naming what is missing or duplicated
     */
    public Pipeline build() {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name is missing");
        }
        if (sourceTopics.isEmpty()) {
            problems.add("no source topics");
        }
        if (enrichedTopic == null || enrichedTopic.isBlank()) {
            problems.add("enriched topic is missing");
        } else if (sourceTopics.contains(enrichedTopic)) {
            problems.add("enriched topic " + enrichedTopic + " is also a source topic");
        }
        if (steps.isEmpty()) {
            problems.add("no steps");
        }
        if (columns.isEmpty()) {
            problems.add("no columns");
        }
        Set<String> names = new HashSet<>();
        steps.stream().map(PipelineStep::name).filter(n -> !names.add(n))
                .forEach(n -> problems.add("step name " + n + " is used twice"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("pipeline cannot be built: " + String.join("; ", problems));
        }
        return new Pipeline(name, sourceTopics, enrichedTopic, steps, columns, models, payloadLog);
    }
}
