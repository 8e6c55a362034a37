package io.cognitivecdc.pipeline.definition;

import io.cognitivecdc.pipeline.expression.Expression;
import io.cognitivecdc.pipeline.expression.ExpressionCompiler;
import io.cognitivecdc.settings.Problems;
import io.cognitivecdc.settings.Settings;
import io.cognitivecdc.steps.StepType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A step's {@code inputs}: each input its type has, mapped to an expression that reads only the row and earlier
 * steps, and every required input present.
 *
 * <pre>
 * inputs: { text: raw.clinical_notes, focus: processed.visit_type.category }
 * </pre>
 */
final class InputsDefinition {

    private InputsDefinition() {
    }

    /**
     * The inputs {@code value} maps, by input name; those with problems left out.
     *
     * @param path         the step's path, e.g. {@code steps[1]}
     * @param earlierSteps the names of the steps listed before this one, which are all it may read
     */
    static Map<String, Expression> read(String path, Object value, StepType type, Set<String> earlierSteps,
                                        ExpressionCompiler compiler, Problems problems) {
        Map<String, Expression> inputs = new LinkedHashMap<>();
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path + ".inputs", (value == null ? "missing" : "must be a mapping") + "; map the inputs "
                    + new TreeSet<>(type.inputs().keySet()) + " to expressions such as raw.<column>");
            return inputs;
        }
        Map<String, Object> written = new Settings(path + ".inputs", map, problems).asMap();
        written.forEach((input, source) -> {
            Expression expression = input(path + ".inputs." + input, input, source, type, earlierSteps, compiler,
                    problems);
            if (expression != null) {
                inputs.put(input, expression);
            }
        });
        type.inputs().forEach((input, required) -> {
            if (required && !written.containsKey(input)) {
                problems.add(path + ".inputs." + input, "missing; a " + type.type() + " needs input '" + input + "'");
            }
        });
        return inputs;
    }

    /** One input: one the type has, a valid expression, reading no later step. Null when it is not. */
    private static Expression input(String path, String input, Object source, StepType type, Set<String> earlierSteps,
                                    ExpressionCompiler compiler, Problems problems) {
        if (!type.inputs().containsKey(input)) {
            problems.add(path, "a " + type.type() + " has no input '" + input + "'; its inputs are "
                    + new TreeSet<>(type.inputs().keySet()));
            return null;
        }
        Expression expression = ExpressionSetting.compile(compiler, path, source, problems);
        if (expression == null) {
            return null;
        }
        for (String referenced : expression.referencedSteps()) {
            if (!earlierSteps.contains(referenced)) {
                problems.add(path, "reads processed." + referenced + ", but no step named '" + referenced
                        + "' runs before this one; steps run in the order listed, and earlier steps are "
                        + earlierSteps);
            }
        }
        return expression;
    }
}
