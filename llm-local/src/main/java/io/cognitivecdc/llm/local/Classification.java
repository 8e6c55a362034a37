package io.cognitivecdc.llm.local;

/**
 * A classifier's answer.
 *
 * @param category     a taxonomy name
 * @param confidence   probability of {@code category}, 0..1
 * @param reasoning    short explanation: what the text was nearest to
 * @param promptTokens tokens of the input the model read for this answer
 */
public record Classification(String category, double confidence, String reasoning, long promptTokens) {
}
