package io.cognitivecdc.pipeline.definition;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.pipeline.PipelineStep;
import io.cognitivecdc.pipeline.expression.Expression;
import io.cognitivecdc.pipeline.expression.ExpressionCompiler;
import io.cognitivecdc.settings.EnvironmentReferences;
import io.cognitivecdc.settings.Problems;
import io.cognitivecdc.settings.Settings;
import io.cognitivecdc.steps.Step;
import io.cognitivecdc.steps.StepType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code steps} section: the steps to run, in order. Each names its {@code type} (a {@link StepType}), its
 * {@code provider} (which may be {@code ${env:NAME}}, to choose the model per environment) and its {@code inputs}
 * ({@link InputsDefinition}); every other key is the type's own setting, checked by the type.
 *
 * <pre>
 * steps:
 *   - name: visit_type
 *     type: classifier
 *     provider: local
 *     inputs: { text: raw.clinical_notes }
 *     taxonomy:
 *       - { name: emergency, definition: Unplanned visit for an acute problem }
 * </pre>
 */
public final class StepsDefinition {

    static final String KEY = "steps";
    private static final Set<String> STEP_KEYS = Set.of("name", "type", "provider", "inputs");

    /**
     * The steps read, and every step name to its type, null where the type is unknown: columns need the types'
     * output fields, and a step with a wrong type is still a step, so that columns reading it are not reported too.
     */
    public record Steps(List<PipelineStep> steps, Map<String, StepType> typeOfStep) {
    }

    private final Map<String, StepType> stepTypes;
    private final ProviderModels providers;
    private final EnvironmentReferences environment;
    private final ExpressionCompiler compiler;

    /** A reader of steps of {@code stepTypes}, taking their models from {@code providers}. */
    public StepsDefinition(Map<String, StepType> stepTypes, ProviderModels providers,
                           EnvironmentReferences environment, ExpressionCompiler compiler) {
        this.stepTypes = stepTypes;
        this.providers = providers;
        this.environment = environment;
        this.compiler = compiler;
    }

    /** The steps {@code value} lists; those with problems are left out, and the problems reported. */
    public Steps read(Object value, Problems problems) {
        List<PipelineStep> steps = new ArrayList<>();
        Map<String, StepType> typeOfStep = new LinkedHashMap<>();
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problems.add(KEY, "missing or empty; list the steps to run, e.g. a classifier and a summarizer");
            return new Steps(steps, Map.of());
        }
        for (int i = 0; i < list.size(); i++) {
            String path = KEY + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                problems.add(path, "must be a mapping with name, type, provider and inputs");
                continue;
            }
            PipelineStep step = step(new Settings(path, map, problems), typeOfStep);
            if (step != null) {
                steps.add(step);
            }
        }
        return new Steps(steps, Collections.unmodifiableMap(typeOfStep));
    }

    private PipelineStep step(Settings entry, Map<String, StepType> typeOfStep) {
        String name = name(entry, typeOfStep.keySet());
        StepType type = type(entry);
        ChatModel model = model(entry);
        Map<String, Expression> inputs = type == null ? Map.of() : InputsDefinition.read(entry.path(),
                entry.asMap().get("inputs"), type, typeOfStep.keySet(), compiler, entry.problems());
        Map<String, Object> own = new LinkedHashMap<>(entry.asMap());
        STEP_KEYS.forEach(own::remove);
        Step step = type == null ? null : type.create(name, model, new Settings(entry.path(), own, entry.problems()));
        if (!name.isEmpty()) {
            // Known by name even when its type is unknown, so that one typo is reported once, not at every reference.
            typeOfStep.putIfAbsent(name, type);
        }
        return step == null ? null : new PipelineStep(step, inputs);
    }

    /** {@code name}: an identifier, since expressions read the step as {@code processed.<name>}, and unique. */
    private static String name(Settings entry, Set<String> earlierSteps) {
        String name = entry.requiredString("name");
        if (!name.isEmpty() && !ExpressionSetting.IDENTIFIER.matcher(name).matches()) {
            entry.problems().add(entry.pathOf("name"), "'" + name + "' must be an identifier (letters, digits, _), "
                    + "since expressions refer to it as processed." + name);
        } else if (earlierSteps.contains(name)) {
            entry.problems().add(entry.pathOf("name"), "a step named '" + name
                    + "' comes earlier; step names must be unique");
        }
        return name;
    }

    /** {@code type}: a known step type; null when it is not. */
    private StepType type(Settings entry) {
        String typeName = entry.requiredString("type");
        StepType type = stepTypes.get(typeName);
        if (!typeName.isEmpty() && type == null) {
            entry.problems().add(entry.pathOf("type"), "unknown step type '" + typeName + "'; known types are "
                    + new TreeSet<>(stepTypes.keySet()));
        }
        return type;
    }

    /** {@code provider}, its environment references resolved: the model of a provider the definition names. */
    private ChatModel model(Settings entry) {
        // A map that may hold null: "provider:" with no value is reported as missing, like an absent one.
        Map<String, Object> setting = new LinkedHashMap<>();
        setting.put("provider", entry.asMap().get("provider"));
        String provider = ProviderModels.resolveEnvironment(entry.path(), setting, environment, entry.problems())
                ? new Settings(entry.path(), setting, entry.problems()).requiredString("provider") : "";
        if (provider.isEmpty()) {
            return null;
        }
        if (!providers.has(provider)) {
            entry.problems().add(entry.pathOf("provider"), "no provider named '" + provider
                    + "' in providers; providers are " + new TreeSet<>(providers.names()));
            return null;
        }
        return providers.model(provider);
    }
}
