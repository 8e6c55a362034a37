package io.cognitivecdc.pipeline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatModelFactory;
import io.cognitivecdc.llm.InvalidProviderSettingException;
import io.cognitivecdc.llm.payloadlog.PayloadLog;
import io.cognitivecdc.llm.payloadlog.PayloadLoggingChatModel;
import io.cognitivecdc.llm.resilience.ResilienceSettings;
import io.cognitivecdc.llm.resilience.ResilientChatModel;
import io.cognitivecdc.settings.EnvironmentReferences;
import io.cognitivecdc.settings.Problems;
import io.cognitivecdc.settings.Settings;
import io.cognitivecdc.pipeline.expression.Expression;
import io.cognitivecdc.pipeline.expression.ExpressionCompiler;
import io.cognitivecdc.pipeline.expression.InvalidExpressionException;
import io.cognitivecdc.schemas.EnrichedRow;
import io.cognitivecdc.steps.Step;
import io.cognitivecdc.steps.StepType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * choose the model per environment). Only providers that steps use are created, each wrapped in a
 * {@link ResilientChatModel} configured by its entry's {@code resilience} section (defaults without one), around the
 * payload log, so that the log records every attempt.
 */
public final class PipelineDefinitionReader {

    private static final Set<String> TOP_LEVEL =
            Set.of("name", "source", "enriched", "providers", "steps", "columns", "payload_log");
    private static final Set<String> STEP_KEYS = Set.of("name", "type", "provider", "inputs");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern STEP_FIELD = Pattern.compile("\\s*processed\\.([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*");

    private final Map<String, StepType> stepTypes;
    private final Map<String, ChatModelFactory> providerTypes;
    private final EnvironmentReferences environment;
    private final ExpressionCompiler compiler = new ExpressionCompiler();

    /** A reader with the step and provider types on the class path, and the process environment. */
    public PipelineDefinitionReader() {
        this(load(StepType.class, StepType::type), load(ChatModelFactory.class, ChatModelFactory::type), System::getenv);
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
                    List.of(new io.cognitivecdc.settings.Problem("", "cannot read the file: " + e)));
        }
        return read(yaml, file.toString());
    }

    /** Reads and checks a definition given as text; {@code origin} names it in messages. */
    public Pipeline read(String yaml, String origin) {
        Problems problems = new Problems();
        Map<String, Object> root = parse(yaml, problems);
        Map<String, ChatModel> models = new LinkedHashMap<>();
        try {
            Pipeline pipeline = root == null ? null : build(root, problems, models);
            if (!problems.isEmpty() || pipeline == null) {
                throw new InvalidPipelineDefinitionException(origin, problems.list());
            }
            return pipeline;
        } catch (RuntimeException e) {
            models.values().forEach(PipelineDefinitionReader::closeQuietly);
            throw e;
        }
    }

    private static Map<String, Object> parse(String yaml, Problems problems) {
        try {
            Object root = new YAMLMapper().readValue(yaml, Object.class);
            if (root instanceof Map<?, ?> map) {
                return cast(map);
            }
            problems.add("", "the definition must be a mapping with keys " + new TreeSet<>(TOP_LEVEL));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr(),
                    "not valid YAML: " + e.getOriginalMessage());
        }
        return null;
    }

    private Pipeline build(Map<String, Object> root, Problems problems, Map<String, ChatModel> models) {
        Settings top = new Settings("", root, problems);
        top.rejectUnknown(TOP_LEVEL);
        String name = top.requiredString("name");
        List<String> sourceTopics = sourceTopics(root, problems);
        String enrichedTopic = enrichedTopic(root, sourceTopics, problems);
        PayloadLog payloadLog = payloadLog(root.get("payload_log"), problems);
        Map<String, ProviderEntry> providers = providers(root.get("providers"), problems);
        // Step name to its type; the type is null where the definition names an unknown one.
        Map<String, StepType> typeOfStep = new LinkedHashMap<>();
        List<PipelineStep> steps = steps(root.get("steps"), providers, payloadLog, models, typeOfStep, problems);
        List<OutputColumn> columns = columns(root.get("columns"), typeOfStep, problems);
        models.values().removeIf(java.util.Objects::isNull);
        if (!problems.isEmpty()) {
            payloadLog.close();
            return null;
        }
        return new Pipeline(name, sourceTopics, enrichedTopic, steps, columns, models, payloadLog);
    }

    private static List<String> sourceTopics(Map<String, Object> root, Problems problems) {
        Settings source = section(root, "source", problems);
        if (source == null) {
            return List.of();
        }
        source.rejectUnknown(Set.of("topics"));
        List<String> topics = source.strings("topics");
        if (topics.isEmpty() && source.problems().list().stream().noneMatch(p -> p.path().startsWith("source.topics"))) {
            problems.add("source.topics", "missing or empty; list the CDC topics to enrich");
        }
        return topics;
    }

    private static String enrichedTopic(Map<String, Object> root, List<String> sourceTopics, Problems problems) {
        Settings enriched = section(root, "enriched", problems);
        if (enriched == null) {
            return "";
        }
        enriched.rejectUnknown(Set.of("topic"));
        String topic = enriched.requiredString("topic");
        if (sourceTopics.contains(topic)) {
            problems.add("enriched.topic", "'" + topic + "' is also a source topic; the pipeline would read its own output");
        }
        return topic;
    }

    private static Settings section(Map<String, Object> root, String key, Problems problems) {
        Object value = root.get(key);
        if (value instanceof Map<?, ?> map) {
            return new Settings(key, cast(map), problems);
        }
        problems.add(key, value == null ? "missing; it is required" : "must be a mapping, was " + Settings.describe(value));
        return null;
    }

    /** A provider entry, checked but not yet created: only providers that steps use are created. */
    private record ProviderEntry(String path, ChatModelFactory factory, Map<String, Object> settings,
                                 ResilienceSettings resilience) {
    }

    /** The {@code payload_log} section: off unless {@code enabled: true}. */
    private static PayloadLog payloadLog(Object value, Problems problems) {
        if (value == null) {
            return PayloadLog.disabled();
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add("payload_log", "must be a mapping with enabled, file, redact and truncate");
            return PayloadLog.disabled();
        }
        Settings settings = new Settings("payload_log", cast(map), problems);
        settings.rejectUnknown(Set.of("enabled", "file", "redact", "truncate"));
        Object enabled = map.get("enabled");
        if (enabled != null && !(enabled instanceof Boolean)) {
            problems.add("payload_log.enabled", "must be true or false, was " + Settings.describe(enabled));
        }
        String file = settings.string("file", null);
        List<String> redact = settings.strings("redact");
        int truncate = settings.integer("truncate", PayloadLog.DEFAULT_TRUNCATE, 20, 1_000_000);
        if (!Boolean.TRUE.equals(enabled) || !problems.isEmpty()) {
            return PayloadLog.disabled();
        }
        PayloadLog.Builder builder = PayloadLog.builder().enabled(true).redact(redact).truncate(truncate);
        if (file != null) {
            builder.file(Path.of(file));
        }
        return builder.build();
    }

    private Map<String, ProviderEntry> providers(Object value, Problems problems) {
        Map<String, ProviderEntry> entries = new LinkedHashMap<>();
        if (!(value instanceof Map<?, ?> providers) || providers.isEmpty()) {
            problems.add("providers", "missing or empty; name at least one model provider, e.g. local: { type: local }");
            return entries;
        }
        for (Map.Entry<String, Object> entry : cast(providers).entrySet()) {
            String path = "providers." + entry.getKey();
            if (!(entry.getValue() instanceof Map<?, ?> settings)) {
                problems.add(path, "must be a mapping with a type, was " + Settings.describe(entry.getValue()));
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>(cast(settings));
            Object type = values.remove("type");
            ResilienceSettings resilience = ResilienceDefinition.read(path + "." + ResilienceDefinition.KEY,
                    values.remove(ResilienceDefinition.KEY), problems);
            ChatModelFactory factory = type == null ? null : providerTypes.get(type.toString());
            if (factory == null) {
                problems.add(path + ".type", (type == null ? "missing" : "unknown provider type '" + type + "'")
                        + "; known types are " + new TreeSet<>(providerTypes.keySet()));
                continue;
            }
            entries.put(entry.getKey(), new ProviderEntry(path, factory, values, resilience));
        }
        return entries;
    }

    private ChatModel model(String name, Map<String, ProviderEntry> providers, PayloadLog payloadLog,
                            Map<String, ChatModel> models, Problems problems) {
        if (models.containsKey(name)) {
            return models.get(name);
        }
        ProviderEntry entry = providers.get(name);
        Map<String, Object> values = new LinkedHashMap<>(entry.settings());
        ChatModel model = null;
        if (resolveEnvironment(entry.path(), values, problems)) {
            try {
                model = new ResilientChatModel(name, PayloadLoggingChatModel.wrap(entry.factory().create(values),
                        payloadLog), entry.resilience());
            } catch (InvalidProviderSettingException e) {
                problems.add(entry.path() + "." + e.setting(), e.problem());
            } catch (RuntimeException e) {
                problems.add(entry.path(), "cannot create the provider: " + e.getMessage());
            }
        }
        // Remembered even when it failed, so that its problems are reported once, not once per step.
        models.put(name, model);
        return model;
    }

    private boolean resolveEnvironment(String path, Map<String, Object> values, Problems problems) {
        return environment.resolveAll(values, (key, variable) ->
                problems.add(path + "." + key, "environment variable " + variable + " is not set"));
    }

    private List<PipelineStep> steps(Object value, Map<String, ProviderEntry> providers, PayloadLog payloadLog,
                                     Map<String, ChatModel> models, Map<String, StepType> typeOfStep,
                                     Problems problems) {
        List<PipelineStep> steps = new ArrayList<>();
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problems.add("steps", "missing or empty; list the steps to run, e.g. a classifier and a summarizer");
            return steps;
        }
        for (int i = 0; i < list.size(); i++) {
            String path = "steps[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                problems.add(path, "must be a mapping with name, type, provider and inputs");
                continue;
            }
            PipelineStep step = step(path, cast(map), providers, payloadLog, models, typeOfStep, problems);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    private PipelineStep step(String path, Map<String, Object> map, Map<String, ProviderEntry> providers,
                              PayloadLog payloadLog, Map<String, ChatModel> models, Map<String, StepType> typeOfStep,
                              Problems problems) {
        Settings entry = new Settings(path, map, problems);
        String name = entry.requiredString("name");
        if (!name.isEmpty() && !IDENTIFIER.matcher(name).matches()) {
            problems.add(path + ".name", "'" + name + "' must be an identifier (letters, digits, _), since expressions "
                    + "refer to it as processed." + name);
        } else if (typeOfStep.containsKey(name)) {
            problems.add(path + ".name", "a step named '" + name + "' comes earlier; step names must be unique");
        }
        String typeName = entry.requiredString("type");
        StepType type = stepTypes.get(typeName);
        if (!typeName.isEmpty() && type == null) {
            problems.add(path + ".type", "unknown step type '" + typeName + "'; known types are "
                    + new TreeSet<>(stepTypes.keySet()));
        }
        Map<String, Object> providerSetting = new LinkedHashMap<>(Map.of("provider", map.getOrDefault("provider", "")));
        String provider = resolveEnvironment(path, providerSetting, problems)
                ? new Settings(path, providerSetting, problems).requiredString("provider") : "";
        ChatModel model = null;
        if (!provider.isEmpty() && !providers.containsKey(provider)) {
            problems.add(path + ".provider", "no provider named '" + provider + "' in providers; providers are "
                    + new TreeSet<>(providers.keySet()));
        } else if (!provider.isEmpty()) {
            model = model(provider, providers, payloadLog, models, problems);
        }
        Map<String, Expression> inputs = type == null ? Map.of()
                : inputs(path, map.get("inputs"), type, typeOfStep.keySet(), problems);
        Map<String, Object> rest = new LinkedHashMap<>(map);
        STEP_KEYS.forEach(rest::remove);
        Step step = type == null ? null : type.create(name, model, new Settings(path, rest, problems));
        if (!name.isEmpty()) {
            // Known by name even when its type is unknown, so that one typo is reported once, not at every reference.
            typeOfStep.putIfAbsent(name, type);
        }
        return step == null ? null : new PipelineStep(step, inputs);
    }

    private Map<String, Expression> inputs(String path, Object value, StepType type, Set<String> earlierSteps,
                                           Problems problems) {
        Map<String, Expression> inputs = new LinkedHashMap<>();
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path + ".inputs", (value == null ? "missing" : "must be a mapping") + "; map the inputs "
                    + type.inputs().keySet() + " to expressions such as raw.<column>");
            return inputs;
        }
        for (Map.Entry<String, Object> input : cast(map).entrySet()) {
            String inputPath = path + ".inputs." + input.getKey();
            if (!type.inputs().containsKey(input.getKey())) {
                problems.add(inputPath, "a " + type.type() + " has no input '" + input.getKey() + "'; its inputs are "
                        + new TreeSet<>(type.inputs().keySet()));
                continue;
            }
            Expression expression = compile(inputPath, input.getValue(), problems);
            if (expression == null) {
                continue;
            }
            for (String referenced : expression.referencedSteps()) {
                if (!earlierSteps.contains(referenced)) {
                    problems.add(inputPath, "reads processed." + referenced + ", but no step named '" + referenced
                            + "' runs before this one; steps run in the order listed, and earlier steps are "
                            + earlierSteps);
                }
            }
            inputs.put(input.getKey(), expression);
        }
        type.inputs().forEach((input, required) -> {
            if (required && !inputs.containsKey(input) && !cast(map).containsKey(input)) {
                problems.add(path + ".inputs." + input, "missing; a " + type.type() + " needs input '" + input + "'");
            }
        });
        return inputs;
    }

    private List<OutputColumn> columns(Object value, Map<String, StepType> typeOfStep, Problems problems) {
        List<OutputColumn> columns = new ArrayList<>();
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            problems.add("columns", "missing or empty; map enriched-table columns to expressions, e.g. "
                    + "category: processed.<step>.category");
            return columns;
        }
        Set<String> reserved = new TreeSet<>();
        EnrichedRow.getClassSchema().getFields().forEach(f -> reserved.add(f.name()));
        for (Map.Entry<String, Object> column : cast(map).entrySet()) {
            String path = "columns." + column.getKey();
            if (!IDENTIFIER.matcher(column.getKey()).matches()) {
                problems.add(path, "'" + column.getKey() + "' must be a plain SQL identifier (letters, digits, _)");
                continue;
            }
            if (reserved.contains(column.getKey())) {
                problems.add(path, "'" + column.getKey() + "' is a column every enriched row already has " + reserved);
                continue;
            }
            Object spec = column.getValue();
            String declaredType = null;
            if (spec instanceof Map<?, ?> detailed) {
                Settings settings = new Settings(path, cast(detailed), problems);
                settings.rejectUnknown(Set.of("expr", "type"));
                spec = settings.requiredString("expr");
                declaredType = settings.string("type", null);
                if (declaredType != null && !OutputColumn.TYPES.contains(declaredType)) {
                    problems.add(path + ".type", "must be one of " + new TreeSet<>(OutputColumn.TYPES)
                            + ", was '" + declaredType + "'");
                    continue;
                }
            }
            Expression expression = compile(path, spec, problems);
            if (expression == null) {
                continue;
            }
            boolean known = true;
            for (String referenced : expression.referencedSteps()) {
                if (!typeOfStep.containsKey(referenced)) {
                    problems.add(path, "reads processed." + referenced + ", but there is no step named '" + referenced
                            + "'; steps are " + typeOfStep.keySet());
                    known = false;
                }
            }
            String type = declaredType != null ? declaredType : inferType(path, expression, typeOfStep, problems);
            if (known && type != null) {
                columns.add(new OutputColumn(column.getKey(), expression, type));
            }
        }
        return columns;
    }

    /** The type of {@code processed.<step>.<field>} from the step's output; text for anything else. */
    private static String inferType(String path, Expression expression, Map<String, StepType> typeOfStep,
                                    Problems problems) {
        Matcher m = STEP_FIELD.matcher(expression.source());
        if (!m.matches() || typeOfStep.get(m.group(1)) == null) {
            return "string";
        }
        Map<String, String> fields = typeOfStep.get(m.group(1)).outputFields();
        String type = fields.get(m.group(2));
        if (type == null) {
            problems.add(path, "step " + m.group(1) + " has no output field '" + m.group(2) + "'; its fields are "
                    + fields.keySet());
        }
        return type;
    }

    private Expression compile(String path, Object source, Problems problems) {
        if (!(source instanceof String text)) {
            problems.add(path, "must be an expression (text), was " + Settings.describe(source));
            return null;
        }
        try {
            return compiler.compile(text);
        } catch (InvalidExpressionException e) {
            problems.add(path, e.getMessage());
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static void closeQuietly(ChatModel model) {
        try {
            model.close();
        } catch (Exception e) {
            // the definition failed already; that failure is what the user needs to see
        }
    }
}
