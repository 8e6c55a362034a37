package io.cognitivecdc.pipeline;

import io.cognitivecdc.llm.ChatModelFactory;
import io.cognitivecdc.llm.payloadlog.PayloadLog;
import io.cognitivecdc.pipeline.definition.ColumnsDefinition;
import io.cognitivecdc.pipeline.definition.DefinitionYaml;
import io.cognitivecdc.pipeline.definition.PayloadLogDefinition;
import io.cognitivecdc.pipeline.definition.ProviderModels;
import io.cognitivecdc.pipeline.definition.ProvidersDefinition;
import io.cognitivecdc.pipeline.definition.StepsDefinition;
import io.cognitivecdc.pipeline.definition.TopicsDefinition;
import io.cognitivecdc.pipeline.expression.ExpressionCompiler;
import io.cognitivecdc.settings.EnvironmentReferences;
import io.cognitivecdc.settings.Problem;
import io.cognitivecdc.settings.Problems;
import io.cognitivecdc.settings.Settings;
import io.cognitivecdc.steps.StepType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Reads a pipeline definition (YAML) into a {@link Pipeline}, checking everything before anything runs: structure,
 * names, step and provider types, provider settings and resilience, expressions, and that steps only read earlier
 * steps. Every problem is reported with its path in the file, e.g. {@code steps[1].taxonomy[0].definition: missing;
 * it is required}, all in one {@link InvalidPipelineDefinitionException}.
 *
 * <pre>
 * name: clinic-encounters
 * source:   { topics: [cdc.public.encounters] }
 * enriched: { topic: cdc.enriched.encounters }
 * providers:
 *   local: { type: local }
 *   azure:
 *     type: azure-openai
 *     deployment: gpt-4o-mini
 *     resilience:             # optional: quota, retries, circuit breaker, bulkhead
 *       requests_per_minute: 600
 *       tokens_per_minute: 90000
 *       retry: { max_attempts: 4, initial_backoff: 1s, max_backoff: 30s }
 * steps:
 *   - name: visit_type
 *     type: classifier
 *     provider: local
 *     inputs: { text: raw.clinical_notes, context: "Department: ${raw.department}" }
 *     taxonomy:
 *       - { name: emergency, definition: Unplanned visit for an acute problem }
 *   - name: note_summary
 *     type: summarizer
 *     provider: local
 *     inputs: { text: raw.clinical_notes, focus: processed.visit_type.category }
 *     max_length: 200
 * columns:
 *   category: processed.visit_type.category
 *   summary: processed.note_summary.text
 * payload_log:                # optional, off by default: one JSON line per model call
 *   enabled: true
 *   file: logs/llm_payloads.jsonl
 *   redact: [patient_name]
 *   truncate: 2000
 * </pre>
 *
 * <p>Step types and provider types are found with {@link ServiceLoader}. String settings of providers, and a step's
 * {@code provider}, may refer to environment variables as {@code ${env:NAME}} (e.g. {@code provider: ${env:LLM}} to
 * choose the model per environment). Only providers that steps use are created, each wrapped in resilience around
 * the payload log ({@link ProviderModels}).
 *
 * <p>Each section has its reader in {@link io.cognitivecdc.pipeline.definition}; this class reads them in order and
 * builds the pipeline when none reported a problem.
 */
public final class PipelineDefinitionReader {

    private final Map<String, StepType> stepTypes;
    private final Map<String, ChatModelFactory> providerTypes;
    private final EnvironmentReferences environment;
    private final ExpressionCompiler compiler = new ExpressionCompiler();

    /** A reader with the step and provider types on the class path, and the process environment. */
    public PipelineDefinitionReader() {
        this(load(StepType.class, StepType::type), load(ChatModelFactory.class, ChatModelFactory::type),
                System::getenv);
    }

    /** A reader with the given types and environment (tests, embedding applications). */
    public PipelineDefinitionReader(Map<String, StepType> stepTypes, Map<String, ChatModelFactory> providerTypes,
                                    Function<String, String> environment) {
        this.stepTypes = Map.copyOf(stepTypes);
        this.providerTypes = Map.copyOf(providerTypes);
        this.environment = new EnvironmentReferences(environment);
    }

    /** The step types this reader knows, by name. */
    public Map<String, StepType> stepTypes() {
        return stepTypes;
    }

    /** The provider types this reader knows, by name. */
    public Map<String, ChatModelFactory> providerTypes() {
        return providerTypes;
    }

    private static <T> Map<String, T> load(Class<T> type, Function<T, String> name) {
        Map<String, T> found = new HashMap<>();
        ServiceLoader.load(type).forEach(t -> found.put(name.apply(t), t));
        return found;
    }

    /** Reads and checks {@code file}. */
    public Pipeline read(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidPipelineDefinitionException(file.toString(),
                    List.of(new Problem("", "cannot read the file: " + e)));
        }
        return read(yaml, file.toString());
    }

    /** Reads and checks a definition given as text; {@code origin} names it in messages. */
    public Pipeline read(String yaml, String origin) {
        Problems problems = new Problems();
        Settings root = DefinitionYaml.parse(yaml, problems);
        if (root == null) {
            throw new InvalidPipelineDefinitionException(origin, problems.list());
        }
        String name = root.requiredString("name");
        List<String> sourceTopics = TopicsDefinition.sourceTopics(root);
        String enrichedTopic = TopicsDefinition.enrichedTopic(root, sourceTopics);
        Map<String, Object> sections = root.asMap();
        PayloadLog payloadLog = PayloadLogDefinition.read(sections.get("payload_log"), problems);
        ProviderModels models = ProvidersDefinition.read(sections.get("providers"), providerTypes, payloadLog,
                environment, problems);
        try {
            StepsDefinition.Steps steps = new StepsDefinition(stepTypes, models, environment, compiler)
                    .read(sections.get("steps"), problems);
            List<OutputColumn> columns = ColumnsDefinition.read(sections.get("columns"), steps.typeOfStep(), compiler,
                    problems);
            if (!problems.isEmpty()) {
                throw new InvalidPipelineDefinitionException(origin, problems.list());
            }
            return new Pipeline(name, sourceTopics, enrichedTopic, steps.steps(), columns, models.created(),
                    payloadLog);
        } catch (RuntimeException e) {
            // Nothing of a definition that fails keeps running: not its models' clients, nor its payload log file.
            models.closeQuietly();
            payloadLog.close();
            throw e;
        }
    }
}
