package io.cognitivecdc.pipeline.expression;

import io.cognitivecdc.schemas.EnrichmentState;

import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * An expression given as Java code through the pipeline builder, as in the seeds' input maps:
 * {@code state -> state.getRaw().get("clinical_notes")}.
 *
 * @param source         a description for messages
 * @param referencedSteps the steps whose output the function reads, so that order can be checked
 * @param function       the function of the row's state
 */
public record FunctionExpression(String source, Set<String> referencedSteps,
                                 Function<EnrichmentState, ?> function) implements Expression {

    public FunctionExpression {
        Objects.requireNonNull(function, "function");
        referencedSteps = Set.copyOf(referencedSteps);
    }

    @Override
    public Object evaluate(StateView view) {
        return function.apply(view.state());
    }
}
