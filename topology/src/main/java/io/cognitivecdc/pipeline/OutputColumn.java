package io.cognitivecdc.pipeline;

import io.cognitivecdc.pipeline.expression.Expression;

import java.util.Set;

/**
 * A column of the enriched table and the expression that fills it.
 *
 * @param name       column name, a plain SQL identifier
 * @param expression computes the value from the row's state
 * @param type       Avro type of the column: string, int, long, double or boolean (always nullable)
 */
public record OutputColumn(String name, Expression expression, String type) {

    /** The column types a definition may name. */
    public static final Set<String> TYPES = Set.of("string", "int", "long", "double", "boolean");

    public OutputColumn {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("column " + name + ": type must be one of " + TYPES + ", was " + type);
        }
    }
}
