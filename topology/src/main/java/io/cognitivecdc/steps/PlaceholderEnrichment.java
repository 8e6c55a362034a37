package io.cognitivecdc.steps;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic stand-in for the LLM steps, so the pipeline can run end to end before any model is wired in.
 *
 * <p><strong>Placeholder:</strong> the next issue replaces this class with the {@code classifier} and
 * {@code summarizer} steps. Until then the category comes from keyword rules over the text column, the summary is the
 * text's first sentence, there is no confidence, and {@code enriched_by} is {@value #ENRICHED_BY}.
 *
 * <p>Rules, first match wins: "emergency", "trauma" or the word "ER" → {@code emergency}; "follow-up" or "routine" →
 * {@code outpatient}; "admitted" or "inpatient" → {@code inpatient}; anything else, including no text →
 * {@code other}.
 */
public final class PlaceholderEnrichment {

    /** The value of {@code enriched_by} for rows enriched by this placeholder. */
    public static final String ENRICHED_BY = "placeholder";
    /** The category of rows no rule matches. */
    public static final String OTHER = "other";
    /** Summaries are cut to this many characters. */
    public static final int MAX_SUMMARY_LENGTH = 200;

    private record Rule(Pattern pattern, String category) {
    }

    private static final List<Rule> RULES = List.of(
            // "ER" only in capitals, so "her" or "Er" do not count as emergencies.
            new Rule(Pattern.compile("(?i:\\b(?:emergency|trauma)\\b)|\\bER\\b"), "emergency"),
            new Rule(Pattern.compile("(?i)\\b(?:follow-?up|routine)\\b"), "outpatient"),
            new Rule(Pattern.compile("(?i)\\b(?:admitted|inpatient)\\b"), "inpatient"));

    // A sentence ends at . ! or ? followed by whitespace or the end, so "37.5" does not end one.
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final String textField;

    /**
     * Creates the placeholder for one text column.
     *
     * @param textField the column of the row that holds the free text to enrich
     */
    public PlaceholderEnrichment(String textField) {
        this.textField = textField;
    }

    /**
     * Computes the enrichment of one row image.
     *
     * @param row the row's columns (the change event's after-image)
     */
    public Enrichment enrich(Map<String, ?> row) {
        String text = row.get(textField) instanceof CharSequence value ? value.toString().strip() : "";
        if (text.isEmpty()) {
            return new Enrichment(OTHER, null, null, ENRICHED_BY);
        }
        return new Enrichment(categoryOf(text), null, firstSentence(text), ENRICHED_BY);
    }

    private static String categoryOf(String text) {
        return RULES.stream()
                .filter(rule -> rule.pattern().matcher(text).find())
                .map(Rule::category)
                .findFirst()
                .orElse(OTHER);
    }

    private static String firstSentence(String text) {
        Matcher end = SENTENCE_END.matcher(text);
        String sentence = end.find() ? text.substring(0, end.end()) : text;
        String oneLine = WHITESPACE.matcher(sentence).replaceAll(" ");
        return oneLine.length() <= MAX_SUMMARY_LENGTH ? oneLine : oneLine.substring(0, MAX_SUMMARY_LENGTH).stripTrailing();
    }
}
