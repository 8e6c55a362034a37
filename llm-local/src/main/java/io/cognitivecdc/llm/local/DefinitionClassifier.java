package io.cognitivecdc.llm.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Zero-shot classification by meaning: the text is compared with each taxonomy entry (its name and definition, and
 * its examples when it lists some) and the nearest entry wins. Entry embeddings are cached by their text.
 *
 * <p>Confidence is a softmax over the cosine similarities with a temperature. Cosines of this model sit in a narrow
 * band (unrelated ≈ 0.0–0.2, related ≈ 0.3–0.7), so the temperature is small: {@value #DEFAULT_TEMPERATURE} by
 * default, about the value that minimised the negative log-likelihood of the true visit type on the generated visit
 * notes (0.079 on the 2,000 examples, 0.071 on the held-out notes; see the benchmarks module). Without labelled
 * examples there is nothing to fit it on, so for other taxonomies it is an informed guess; the provider's
 * {@code temperature} setting overrides it.
 */
public final class DefinitionClassifier {

    /** Default softmax temperature over cosine similarities. */
    public static final double DEFAULT_TEMPERATURE = 0.07;
    /** Weight of the nearest inline example against the definition, when an entry lists examples. */
    static final double EXAMPLE_WEIGHT = 0.5;
    private static final int CACHE_LIMIT = 10_000;

    /** A taxonomy entry as the task gives it. */
    public record Category(String name, String definition, List<String> examples) {

        public Category {
            Objects.requireNonNull(name, "name");
            definition = definition == null ? "" : definition;
            examples = examples == null ? List.of() : List.copyOf(examples);
        }

        /** What is embedded for the definition: the name in words, then the definition. */
        String definitionText() {
            String words = name.replace('_', ' ').replace('-', ' ');
            return definition.isBlank() ? words : words + ": " + definition;
        }
    }

    private final MiniLmEmbedder embedder;
    private final double temperature;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();

    /**
     * @param temperature softmax temperature over cosine similarities, &gt; 0
     */
    public DefinitionClassifier(MiniLmEmbedder embedder, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0");
        }
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.temperature = temperature;
    }

    public double temperature() {
        return temperature;
    }

    /**
     * Classifies a text.
     *
     * @param context optional extra text embedded together with the text (null or blank for none)
     */
    public Classification classify(String text, String context, List<Category> taxonomy) {
        if (taxonomy.isEmpty()) {
            throw new IllegalArgumentException("the taxonomy is empty");
        }
        String query = context == null || context.isBlank() ? text : text + "\n" + context;

        // One model call for the query and every entry text not cached yet.
        List<String> missing = new ArrayList<>();
        for (Category category : taxonomy) {
            addIfMissing(missing, category.definitionText());
            category.examples().forEach(example -> addIfMissing(missing, example));
        }
        List<String> batch = new ArrayList<>(missing.size() + 1);
        batch.add(query);
        batch.addAll(missing);
        MiniLmEmbedder.Embeddings embedded = embedder.embedAll(batch);
        float[] q = embedded.vectors()[0];
        if (cache.size() + missing.size() > CACHE_LIMIT) {
            cache.clear();
        }
        for (int i = 0; i < missing.size(); i++) {
            cache.put(missing.get(i), embedded.vectors()[i + 1]);
        }

        int n = taxonomy.size();
        double[] scores = new double[n];
        double[] definitionSims = new double[n];
        double[] exampleSims = new double[n];
        String[] nearestExample = new String[n];
        for (int c = 0; c < n; c++) {
            Category category = taxonomy.get(c);
            definitionSims[c] = MiniLmEmbedder.similarity(q, vector(category.definitionText()));
            scores[c] = definitionSims[c];
            if (!category.examples().isEmpty()) {
                exampleSims[c] = Double.NEGATIVE_INFINITY;
                for (String example : category.examples()) {
                    double sim = MiniLmEmbedder.similarity(q, vector(example));
                    if (sim > exampleSims[c]) {
                        exampleSims[c] = sim;
                        nearestExample[c] = example;
                    }
                }
                scores[c] = (1 - EXAMPLE_WEIGHT) * definitionSims[c] + EXAMPLE_WEIGHT * exampleSims[c];
            }
        }
        double[] p = Scores.softmax(scores, temperature);
        int best = Scores.argmax(p);
        return new Classification(taxonomy.get(best).name(), p[best],
                reasoning(taxonomy, scores, definitionSims, exampleSims, nearestExample),
                embedded.tokenCounts()[0]);
    }

    private void addIfMissing(List<String> missing, String text) {
        if (!cache.containsKey(text) && !missing.contains(text)) {
            missing.add(text);
        }
    }

    private float[] vector(String text) {
        float[] vector = cache.get(text);
        return vector != null ? vector : embedder.embed(text); // only if evicted meanwhile
    }

    private static String reasoning(List<Category> taxonomy, double[] scores, double[] definitionSims,
                                    double[] exampleSims, String[] nearestExample) {
        Integer[] order = IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).reversed()).toArray(Integer[]::new);
        int best = order[0];
        StringBuilder out = new StringBuilder("Closest in meaning to the definition of ")
                .append(taxonomy.get(best).name())
                .append(String.format(Locale.ROOT, " (similarity %.2f", definitionSims[best]));
        if (nearestExample[best] != null) {
            out.append(String.format(Locale.ROOT, "; nearest example \"%s\" %.2f",
                    Scores.abbreviate(nearestExample[best], 60), exampleSims[best]));
        }
        out.append(')');
        if (order.length > 1) {
            out.append(", then ");
            for (int i = 1; i < Math.min(3, order.length); i++) {
                if (i > 1) {
                    out.append(", ");
                }
                out.append(taxonomy.get(order[i]).name())
                        .append(String.format(Locale.ROOT, " (%.2f)", scores[order[i]]));
            }
        }
        boolean anyExamples = java.util.Arrays.stream(nearestExample).anyMatch(Objects::nonNull);
        return out.append(anyExamples ? ". Compared with the taxonomy's definitions and examples."
                : ". Compared with the taxonomy's definitions only (no labelled examples file).").toString();
    }
}
