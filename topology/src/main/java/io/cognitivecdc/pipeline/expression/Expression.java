package io.cognitivecdc.pipeline.expression;

import java.util.Set;

/**
 * A value computed from a row's enrichment state: a step input or an output column.
 *
 * <p>In a pipeline definition file it is written as a JEXL expression over {@code raw} (the source row),
 * {@code processed} (earlier steps' outputs) and {@code key}, e.g. {@code raw.clinical_notes} or
 * {@code processed.visit_type.category}; or as a template with {@code ${...}} parts, e.g.
 * {@code "Department: ${raw.department}"}. The Java API takes any function of the state.
 */
public interface Expression {

    /** Evaluates against {@code view}; null where a referenced value is absent. */
    Object evaluate(StateView view);

    /** The steps whose output this expression reads ({@code processed.<step>…}); empty for Java functions. */
    Set<String> referencedSteps();

    /** The text as written in the definition, or a description for Java functions. */
    String source();
}
