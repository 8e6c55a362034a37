package io.cognitivecdc.pipeline;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.payloadlog.PayloadLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A pipeline ready to run: which CDC topics to read, which steps to run in order (each with its input map and
 * model), which columns the enriched rows get, and where they go. Read from a YAML definition with
 * {@link PipelineDefinitionReader}, or built in Java with {@link #builder()}.
 *
 * <p>The pipeline owns its models and its payload log: {@link #close()} closes them.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final String name;
    private final List<String> sourceTopics;
    private final String enrichedTopic;
    private final List<PipelineStep> steps;
    private final List<OutputColumn> columns;
    private final Map<String, ChatModel> models;
    private final PayloadLog payloadLog;

    Pipeline(String name, List<String> sourceTopics, String enrichedTopic, List<PipelineStep> steps,
             List<OutputColumn> columns, Map<String, ChatModel> models, PayloadLog payloadLog) {
        this.name = Objects.requireNonNull(name, "name");
        this.sourceTopics = List.copyOf(sourceTopics);
        this.enrichedTopic = Objects.requireNonNull(enrichedTopic, "enrichedTopic");
        this.steps = List.copyOf(steps);
        this.columns = List.copyOf(columns);
        this.models = new LinkedHashMap<>(models);
        this.payloadLog = Objects.requireNonNull(payloadLog, "payloadLog");
    }

    /** A builder for pipelines defined in Java. */
    public static PipelineBuilder builder() {
        return new PipelineBuilder();
    }

    public String name() {
        return name;
    }

    public List<String> sourceTopics() {
        return sourceTopics;
    }

    public String enrichedTopic() {
        return enrichedTopic;
    }

    public List<PipelineStep> steps() {
        return steps;
    }

    public List<OutputColumn> columns() {
        return columns;
    }

    /** Provider name to model, as the definition names them. */
    public Map<String, ChatModel> models() {
        return java.util.Collections.unmodifiableMap(models);
    }

    /** One line per step and column, for start-up logs and {@code validate-config}. */
    public String describe() {
        List<String> lines = new ArrayList<>();
        lines.add("pipeline " + name + ": " + sourceTopics + " -> " + enrichedTopic);
        for (PipelineStep step : steps) {
            lines.add("  step " + step.name() + " inputs " + step.inputs().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().source()).collect(Collectors.joining(", ")));
        }
        for (OutputColumn column : columns) {
            lines.add("  column " + column.name() + " (" + column.type() + ") = " + column.expression().source());
        }
        return String.join("\n", lines);
    }

    /** Closes the models and the payload log. */
    @Override
    public void close() {
        for (Map.Entry<String, ChatModel> model : models.entrySet()) {
            try {
                model.getValue().close();
            } catch (Exception e) {
                log.warn("closing provider {} failed: {}", model.getKey(), e.toString());
            }
        }
        payloadLog.close();
    }
}
