package io.cognitivecdc.llm.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Classification by labelled examples: a similarity-weighted k-nearest-neighbour vote.
 *
 * <p><b>What votes.</b> With {@link Unit#SENTENCE} (the default) the examples are split into sentences, each sentence
 * labelled with its example's category; every sentence of the text to classify takes its {@code k} most similar
 * example sentences (cosine of the embeddings), each weighted by its similarity, and the sentences' votes are
 * averaged, each sentence weighted by how decisive its vote is ({@code 1 - entropy / log(categories)}): sentences
 * that occur in every category ("Chest X-ray clear.") hardly count, tell-tale ones ("Triage level 2.") decide. With
 * {@link Unit#TEXT} the whole text votes once against whole examples. Measured on the generated visit notes, the
 * whole-text embedding is dominated by the complaint and findings, not by the cues of the care setting: whole-text
 * kNN reached 0.63 accuracy, sentence voting 0.98 (see the benchmarks module).
 *
 * <p><b>Confidence</b> is {@code softmax(vote / T)} over the categories, with {@code T} fitted on the examples:
 * examples (up to {@value #MAX_FIT_SAMPLE}, a fixed random sample) are classified by the others with their own
 * sentences taken out (leave-one-out), and the temperature on a log grid (0.01–10) that minimises the negative
 * log-likelihood of their true categories wins. A confidence of 0.8 then means about 80% of such answers are right,
 * on data like the examples.
 *
 * <p>The parts: {@link ExampleIndex} (the examples' distinct units and their embeddings), {@link NeighbourVote} (the
 * vote), {@link TemperatureFit} (the temperature), {@link VoteReasoning} (the explanation). Identical sentences are
 * embedded once. Immutable after {@link #fit}; thread-safe.
 */
public final class NearestNeighbourClassifier {

    /** Default number of neighbours. */
    public static final int DEFAULT_K = 15;
    /** Most examples classified leave-one-out to fit the temperature. */
    public static final int MAX_FIT_SAMPLE = 600;

    /** What takes part in the vote. */
    public enum Unit {
        /** Each sentence of the text votes with the sentences of the examples. */
        SENTENCE,
        /** The whole text votes with the whole examples. */
        TEXT;

        /** The parts of a text that vote, stripped; none for a blank text. */
        List<String> split(String text) {
            if (this == SENTENCE) {
                return Sentences.split(text);
            }
            String stripped = text.strip();
            return stripped.isEmpty() ? List.of() : List.of(stripped);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(NearestNeighbourClassifier.class);

    private final MiniLmEmbedder embedder;
    private final LabelledExamples examples;
    private final NeighbourVote vote;
    private final TemperatureFit fitted;
    private final double temperature;

    private NearestNeighbourClassifier(MiniLmEmbedder embedder, LabelledExamples examples, NeighbourVote vote,
                                       TemperatureFit fitted, double temperature) {
        this.embedder = embedder;
        this.examples = examples;
        this.vote = vote;
        this.fitted = fitted;
        this.temperature = temperature;
    }

    /** Sentence voting with the fitted temperature. */
    public static NearestNeighbourClassifier fit(MiniLmEmbedder embedder, LabelledExamples examples, int k) {
        return fit(embedder, examples, k, Unit.SENTENCE, null, () -> false);
    }

    /**
     * Embeds the examples and fits the confidence temperature (leave-one-out).
     *
     * @param temperatureOverride a fixed temperature instead of the fitted one, or null
     * @param cancelled           checked between chunks of embeddings; fitting stops with a
     *                            {@link CancellationException} when it turns true
     */
    public static NearestNeighbourClassifier fit(MiniLmEmbedder embedder, LabelledExamples examples, int k, Unit unit,
                                                 Double temperatureOverride, BooleanSupplier cancelled) {
        Objects.requireNonNull(embedder, "embedder");
        Objects.requireNonNull(examples, "examples");
        Objects.requireNonNull(unit, "unit");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1");
        }
        long start = System.nanoTime();
        ExampleIndex index = ExampleIndex.build(embedder, examples, unit, cancelled);
        long embedded = System.nanoTime();
        NeighbourVote vote = new NeighbourVote(index, k);
        TemperatureFit fitted = TemperatureFit.fit(vote, MAX_FIT_SAMPLE);
        double temperature = temperatureOverride != null ? temperatureOverride : fitted.temperature();
        LOG.info("Labelled examples {}: {} examples in {} categories, {} {}s ({} distinct) embedded in {} ms; "
                        + "k={}, leave-one-out accuracy {} on {} examples, fitted confidence temperature {} "
                        + "(mean NLL {}){}; ready in {} ms",
                examples.source(), examples.size(), index.categories().size(), index.occurrences(),
                unit.name().toLowerCase(Locale.ROOT), index.size(), (embedded - start) / 1_000_000, k,
                String.format(Locale.ROOT, "%.3f", fitted.accuracy()), fitted.sample(),
                String.format(Locale.ROOT, "%.3g", fitted.temperature()),
                String.format(Locale.ROOT, "%.3f", fitted.meanNll()),
                temperatureOverride != null ? ", overridden by setting temperature=" + temperatureOverride : "",
                (System.nanoTime() - start) / 1_000_000);
        return new NearestNeighbourClassifier(embedder, examples, vote, fitted, temperature);
    }

    public LabelledExamples examples() {
        return examples;
    }

    public Unit unit() {
        return vote.index().unit();
    }

    public int k() {
        return vote.k();
    }

    /** The temperature leave-one-out fitting chose. */
    public double fittedTemperature() {
        return fitted.temperature();
    }

    /** The temperature in use: the fitted one unless overridden. */
    public double temperature() {
        return temperature;
    }

    /** Share of the sampled examples the others classify right (leave-one-out). */
    public double leaveOneOutAccuracy() {
        return fitted.accuracy();
    }

    /** How many examples leave-one-out fitting classified. */
    public int fitSample() {
        return fitted.sample();
    }

    /** Categories of the examples, in order of first appearance. */
    public List<String> categories() {
        return vote.index().categories();
    }

    /**
     * Classifies a text among the taxonomy's names (which must include every category of the examples; names
     * without examples get no votes).
     */
    public Classification classify(String text, Collection<String> taxonomy) {
        List<String> parts = unit().split(text);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("the text is empty");
        }
        MiniLmEmbedder.Embeddings embedded = embedder.embedAll(parts);
        List<NeighbourVote.PartVote> details = new ArrayList<>();
        double[] votes = vote.scores(embedded.vectors(), NeighbourVote.LeftOut.NONE, details);

        List<String> names = new ArrayList<>(taxonomy);
        double[] scores = new double[names.size()];
        for (int c = 0; c < names.size(); c++) {
            int label = categories().indexOf(names.get(c));
            scores[c] = label < 0 ? 0 : votes[label];
        }
        double[] p = Scores.softmax(scores, temperature);
        int best = Scores.argmax(p);
        return new Classification(names.get(best), p[best],
                VoteReasoning.explain(vote, parts, details, votes, names.get(best)), embedded.totalTokens());
    }
}
