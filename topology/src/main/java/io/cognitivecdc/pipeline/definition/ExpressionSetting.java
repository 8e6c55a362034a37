package io.cognitivecdc.pipeline.definition;

import io.cognitivecdc.pipeline.expression.Expression;
import io.cognitivecdc.pipeline.expression.ExpressionCompiler;
import io.cognitivecdc.pipeline.expression.InvalidExpressionException;
import io.cognitivecdc.settings.Problems;
import io.cognitivecdc.settings.Settings;

import java.util.regex.Pattern;

/** A setting whose value is an expression (a step input, a column): compiled, or its problem reported at its path. */
final class ExpressionSetting {

    /**
     * What step and column names must look like: expressions refer to a step as {@code processed.<name>}, and a
     * column name goes into SQL as written.
     */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ExpressionSetting() {
    }

    /** The compiled expression, or null when {@code source} is not a text or does not compile. */
    static Expression compile(ExpressionCompiler compiler, String path, Object source, Problems problems) {
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
}
