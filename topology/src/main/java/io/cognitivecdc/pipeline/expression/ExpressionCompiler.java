package io.cognitivecdc.pipeline.expression;

import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.JxltEngine;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compiles the expressions of pipeline definitions with Apache Commons JEXL.
 *
 * <p>Expressions run with JEXL's restricted permissions (no reflection, no class loading, no system access) plus the
 * {@code text:} functions of {@link TextFunctions}, since definition files are configuration, not code. They are
 * non-strict: a missing column or step output evaluates to null instead of failing.
 */
public final class ExpressionCompiler {

    private static final Set<String> ROOTS = Set.of("raw", "processed", "key");
    /** How JEXL templates open an embedded expression; text without it is one expression. */
    private static final String TEMPLATE_MARKER = "${";

    private final JexlEngine jexl = new JexlBuilder()
            .permissions(JexlPermissions.RESTRICTED.compose("io.cognitivecdc.pipeline.expression.*"))
            .namespaces(Map.of("text", new TextFunctions()))
            .strict(false)
            .silent(false)
            .safe(true)
            .cache(512)
            .create();
    private final JxltEngine templates = jexl.createJxltEngine();

    /**
     * Compiles {@code source}: a template when it contains {@code ${...}}, an expression otherwise.
     *
     * @throws InvalidExpressionException with a message fit to show the user (what is wrong and where in the text)
     */
    public Expression compile(String source) {
        if (source == null || source.isBlank()) {
            throw new InvalidExpressionException("is empty; write an expression such as raw.<column>");
        }
        try {
            if (source.contains(TEMPLATE_MARKER)) {
                JxltEngine.Template template = templates.createTemplate(source);
                return new JexlExpression(source, checkedSteps(template.getVariables()), context -> {
                    StringWriter out = new StringWriter();
                    template.evaluate(context, out);
                    return out.toString();
                });
            }
            JexlScript script = jexl.createScript(source);
            return new JexlExpression(source, checkedSteps(script.getVariables()), script::execute);
        } catch (JexlException e) {
            throw new InvalidExpressionException("'" + source + "' is not a valid expression: " + firstLine(e));
        }
    }

    /** The steps referenced through {@code processed.<step>}; unknown root variables are rejected. */
    private static Set<String> checkedSteps(Set<List<String>> variables) {
        Set<String> steps = new TreeSet<>();
        for (List<String> path : variables) {
            String root = path.get(0);
            if (!ROOTS.contains(root)) {
                throw new InvalidExpressionException("refers to '" + root + "'; expressions read raw.<column>, "
                        + "processed.<step>.<field> or key.<column>");
            }
            if (root.equals("processed")) {
                if (path.size() < 2) {
                    throw new InvalidExpressionException("reads all of 'processed'; name a step: processed.<step>.<field>");
                }
                steps.add(path.get(1));
            }
        }
        return steps;
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        return message.lines().findFirst().orElse(message);
    }

    private record JexlExpression(String source, Set<String> referencedSteps,
                                  Function<JexlContext, Object> evaluator) implements Expression {

        @Override
        public Object evaluate(StateView view) {
            MapContext context = new MapContext();
            context.set("raw", view.raw());
            context.set("processed", view.processed());
            context.set("key", view.key());
            try {
                return evaluator.apply(context);
            } catch (JexlException e) {
                throw new IllegalArgumentException("expression '" + source + "' failed: " + firstLine(e), e);
            }
        }
    }
}
