package io.cognitivecdc.pipeline.definition;

import io.cognitivecdc.pipeline.OutputColumn;
import io.cognitivecdc.pipeline.expression.Expression;
import io.cognitivecdc.pipeline.expression.ExpressionCompiler;
import io.cognitivecdc.schemas.EnrichedRow;
import io.cognitivecdc.settings.Problems;
import io.cognitivecdc.settings.Settings;
import io.cognitivecdc.steps.StepType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code columns} section: each column of the enriched table and the expression that fills it, written as the
 * expression alone (its type taken from the step output it reads, text otherwise) or as {@code {expr, type}}.
 *
 * <pre>
 * columns:
 *   category: processed.visit_type.category
 *   department: { expr: raw.department, type: string }
 * </pre>
 */
public final class ColumnsDefinition {

    static final String KEY = "columns";
    private static final Pattern STEP_FIELD =
            Pattern.compile("\\s*processed\\.([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*");
    /** The columns every enriched row has already (key, provenance, timestamps), sorted for messages. */
    private static final Set<String> RESERVED = reserved();

    private ColumnsDefinition() {
    }

    /**
     * The columns {@code value} maps; those with problems left out.
     *
     * @param typeOfStep every step name to its type (null where unknown), as {@link StepsDefinition} read them
     */
    public static List<OutputColumn> read(Object value, Map<String, StepType> typeOfStep, ExpressionCompiler compiler,
                                          Problems problems) {
        List<OutputColumn> columns = new ArrayList<>();
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            problems.add(KEY, "missing or empty; map enriched-table columns to expressions, e.g. "
                    + "category: processed.<step>.category");
            return columns;
        }
        new Settings(KEY, map, problems).asMap().forEach((name, spec) -> {
            OutputColumn column = column(KEY + "." + name, name, spec, typeOfStep, compiler, problems);
            if (column != null) {
                columns.add(column);
            }
        });
        return columns;
    }

    private static OutputColumn column(String path, String name, Object spec, Map<String, StepType> typeOfStep,
                                       ExpressionCompiler compiler, Problems problems) {
        if (!validName(path, name, problems)) {
            return null;
        }
        Object source = spec;
        String declaredType = null;
        if (spec instanceof Map<?, ?> detailed) {
            Settings settings = new Settings(path, detailed, problems);
            settings.rejectUnknown(Set.of("expr", "type"));
            String expr = settings.requiredString("expr");
            declaredType = settings.string("type", null);
            if (declaredType != null && !OutputColumn.TYPES.contains(declaredType)) {
                problems.add(path + ".type", "must be one of " + new TreeSet<>(OutputColumn.TYPES)
                        + ", was '" + declaredType + "'");
                return null;
            }
            if (expr.isEmpty()) {
                return null; // reported as missing; compiling nothing would only say so again
            }
            source = expr;
        }
        Expression expression = ExpressionSetting.compile(compiler, path, source, problems);
        if (expression == null) {
            return null;
        }
        boolean known = readsKnownSteps(path, expression, typeOfStep, problems);
        String type = declaredType != null ? declaredType : inferType(path, expression, typeOfStep, problems);
        return known && type != null ? new OutputColumn(name, expression, type) : null;
    }

    /** The column name: a plain SQL identifier, and none of the columns every enriched row has. */
    private static boolean validName(String path, String name, Problems problems) {
        if (!ExpressionSetting.IDENTIFIER.matcher(name).matches()) {
            problems.add(path, "'" + name + "' must be a plain SQL identifier (letters, digits, _)");
            return false;
        }
        if (RESERVED.contains(name)) {
            problems.add(path, "'" + name + "' is a column every enriched row already has " + RESERVED);
            return false;
        }
        return true;
    }

    /** Whether every step the expression reads exists; a column may read any step, earlier or not. */
    private static boolean readsKnownSteps(String path, Expression expression, Map<String, StepType> typeOfStep,
                                           Problems problems) {
        boolean known = true;
        for (String referenced : expression.referencedSteps()) {
            if (!typeOfStep.containsKey(referenced)) {
                problems.add(path, "reads processed." + referenced + ", but there is no step named '" + referenced
                        + "'; steps are " + typeOfStep.keySet());
                known = false;
            }
        }
        return known;
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

    private static Set<String> reserved() {
        SortedSet<String> reserved = new TreeSet<>();
        EnrichedRow.getClassSchema().getFields().forEach(f -> reserved.add(f.name()));
        return Collections.unmodifiableSortedSet(reserved);
    }
}
