package io.cognitivecdc.steps;

import java.util.Objects;

/**
 * The enrichment columns computed for one row.
 *
 * @param category   the row's category, one name of the taxonomy; {@code null} if not classified
 * @param confidence the classifier's confidence in [0, 1]; {@code null} when the producer has no notion of it
 * @param summary    a short summary of the row's text; {@code null} when there was no text
 * @param enrichedBy what produced these values (provider and model, or the placeholder)
 */
public record Enrichment(String category, Double confidence, String summary, String enrichedBy) {

    /** Checks that the producer of the values is named. */
    public Enrichment {
        Objects.requireNonNull(enrichedBy, "enrichedBy");
    }
}
