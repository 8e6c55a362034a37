package io.cognitivecdc.llm.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

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
 * <p>Identical sentences are embedded once. Immutable after {@link #fit}; thread-safe.
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
        TEXT
    }

    private static final Logger LOG = LoggerFactory.getLogger(NearestNeighbourClassifier.class);
    private static final int EMBED_CHUNK = 512;

    private final MiniLmEmbedder embedder;
    private final LabelledExamples examples;
    private final Unit unit;
    private final int k;
    private final List<String> categories;
    /** Distinct units (sentences or texts) of the examples, their embeddings and occurrences per category. */
    private final List<String> units;
    private final float[][] vectors;
    private final int[][] counts;
    private final int[] totals;
    private final int[] firstLine;
    private final int occurrences;
    private final double fittedTemperature;
    private final double temperature;
    private final double leaveOneOutAccuracy;
    private final int fitSample;

    private NearestNeighbourClassifier(Builder b, double fittedTemperature, double temperature, double accuracy,
                                       int fitSample) {
        this.embedder = b.embedder;
        this.examples = b.examples;
        this.unit = b.unit;
        this.k = b.k;
        this.categories = List.copyOf(b.categories);
        this.units = List.copyOf(b.units);
        this.vectors = b.vectors;
        this.counts = b.counts;
        this.totals = b.totals;
        this.firstLine = b.firstLine;
        this.occurrences = b.occurrences;
        this.fittedTemperature = fittedTemperature;
        this.temperature = temperature;
        this.leaveOneOutAccuracy = accuracy;
        this.fitSample = fitSample;
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
        Objects.requireNonNull(unit, "unit");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1");
        }
        long start = System.nanoTime();
        Builder b = new Builder(embedder, examples, unit, k);
        b.embed(cancelled);
        long embedded = System.nanoTime();

        // Leave-one-out on a fixed sample: each example classified without its own occurrences.
        int n = examples.size();
        List<Integer> sample = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        if (n > MAX_FIT_SAMPLE) {
            Collections.shuffle(sample, new Random(17));
            sample = sample.subList(0, MAX_FIT_SAMPLE);
        }
        NearestNeighbourClassifier draft = new NearestNeighbourClassifier(b, Double.NaN, 1.0, Double.NaN, 0);
        double[][] votes = new double[sample.size()][];
        int[] truth = new int[sample.size()];
        List<Integer> fitOn = sample;
        IntStream.range(0, fitOn.size()).parallel().forEach(s -> {
            int example = fitOn.get(s);
            int[] own = b.exampleUnits.get(example);
            float[][] ownVectors = new float[own.length][];
            for (int i = 0; i < own.length; i++) {
                ownVectors[i] = b.vectors[own[i]];
            }
            truth[s] = b.labels[example];
            votes[s] = draft.vote(ownVectors, own, b.labels[example], null).scores();
        });
        int correct = 0;
        for (int s = 0; s < votes.length; s++) {
            correct += Scores.argmax(votes[s]) == truth[s] ? 1 : 0;
        }
        double accuracy = (double) correct / votes.length;
        double bestTemperature = Double.NaN;
        double bestNll = Double.POSITIVE_INFINITY;
        for (double t : Scores.temperatureGrid()) {
            double nll = 0;
            for (int s = 0; s < votes.length; s++) {
                nll -= Scores.logSoftmax(votes[s], t, truth[s]);
            }
            nll /= votes.length;
            if (nll < bestNll) {
                bestNll = nll;
                bestTemperature = t;
            }
        }
        double temperature = temperatureOverride != null ? temperatureOverride : bestTemperature;
        LOG.info("Labelled examples {}: {} examples in {} categories, {} {}s ({} distinct) embedded in {} ms; "
                        + "k={}, leave-one-out accuracy {} on {} examples, fitted confidence temperature {} "
                        + "(mean NLL {}){}; ready in {} ms",
                examples.source(), n, b.categories.size(), b.occurrences, unit.name().toLowerCase(Locale.ROOT),
                b.units.size(), (embedded - start) / 1_000_000, k, String.format(Locale.ROOT, "%.3f", accuracy),
                votes.length, String.format(Locale.ROOT, "%.3g", bestTemperature),
                String.format(Locale.ROOT, "%.3f", bestNll),
                temperatureOverride != null ? ", overridden by setting temperature=" + temperatureOverride : "",
                (System.nanoTime() - start) / 1_000_000);
        return new NearestNeighbourClassifier(b, bestTemperature, temperature, accuracy, votes.length);
    }

    public LabelledExamples examples() {
        return examples;
    }

    public Unit unit() {
        return unit;
    }

    public int k() {
        return k;
    }

    /** The temperature leave-one-out fitting chose. */
    public double fittedTemperature() {
        return fittedTemperature;
    }

    /** The temperature in use: the fitted one unless overridden. */
    public double temperature() {
        return temperature;
    }

    /** Share of the sampled examples the others classify right (leave-one-out). */
    public double leaveOneOutAccuracy() {
        return leaveOneOutAccuracy;
    }

    /** How many examples leave-one-out fitting classified. */
    public int fitSample() {
        return fitSample;
    }

    /** Categories of the examples, in order of first appearance. */
    public List<String> categories() {
        return categories;
    }

    /**
     * Classifies a text among the taxonomy's names (which must include every category of the examples; names
     * without examples get no votes).
     */
    public Classification classify(String text, Collection<String> taxonomy) {
        List<String> parts = split(unit, text);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("the text is empty");
        }
        MiniLmEmbedder.Embeddings embedded = embedder.embedAll(parts);
        List<UnitVote> details = new ArrayList<>();
        Vote vote = vote(embedded.vectors(), null, -1, details);

        List<String> names = new ArrayList<>(taxonomy);
        double[] scores = new double[names.size()];
        for (int c = 0; c < names.size(); c++) {
            int label = categories.indexOf(names.get(c));
            scores[c] = label < 0 ? 0 : vote.scores()[label];
        }
        double[] p = Scores.softmax(scores, temperature);
        int best = Scores.argmax(p);
        return new Classification(names.get(best), p[best],
                reasoning(parts, details, vote.scores(), names.get(best)), embedded.totalTokens());
    }

    /** A unit's vote: shares per category, and its weight in the text's vote. */
    private record UnitVote(int part, double[] shares, double weight, int nearest, double nearestSimilarity) {
    }

    private record Vote(double[] scores) {
    }

    /**
     * The text's vote from its parts' embeddings.
     *
     * @param own      distinct-unit ids of the example being left out (with repeats), or null
     * @param ownLabel its category
     * @param details  receives each part's vote, or null
     */
    private Vote vote(float[][] parts, int[] own, int ownLabel, List<UnitVote> details) {
        int c = categories.size();
        double[] scores = new double[c];
        double weightSum = 0;
        double[] plain = new double[c];
        Map<Integer, Integer> ownCounts = new HashMap<>();
        if (own != null) {
            for (int id : own) {
                ownCounts.merge(id, 1, Integer::sum);
            }
        }
        for (int part = 0; part < parts.length; part++) {
            Neighbours neighbours = new Neighbours(k + ownCounts.size());
            float[] query = parts[part];
            for (int j = 0; j < vectors.length; j++) {
                neighbours.offer(j, MiniLmEmbedder.similarity(query, vectors[j]));
            }
            double[] shares = new double[c];
            double total = 0;
            int need = k;
            int nearest = -1;
            double nearestSimilarity = 0;
            for (int i = 0; i < neighbours.size && need > 0; i++) {
                int id = neighbours.index[i];
                int left = ownCounts.getOrDefault(id, 0);
                int available = totals[id] - left;
                if (available <= 0) {
                    continue;
                }
                if (nearest < 0) {
                    nearest = id;
                    nearestSimilarity = neighbours.similarity[i];
                }
                int take = Math.min(available, need);
                need -= take;
                double weight = Math.max(neighbours.similarity[i], 0) * take / available;
                for (int cat = 0; cat < c; cat++) {
                    int count = counts[id][cat] - (cat == ownLabel ? left : 0);
                    shares[cat] += weight * count;
                }
                total += weight * available;
            }
            if (total <= 0) {
                java.util.Arrays.fill(shares, 1.0 / c);
            } else {
                for (int cat = 0; cat < c; cat++) {
                    shares[cat] /= total;
                }
            }
            double entropy = 0;
            for (double share : shares) {
                if (share > 0) {
                    entropy -= share * Math.log(share);
                }
            }
            double weight = c > 1 ? Math.max(0, 1 - entropy / Math.log(c)) : 1;
            for (int cat = 0; cat < c; cat++) {
                scores[cat] += weight * shares[cat];
                plain[cat] += shares[cat] / parts.length;
            }
            weightSum += weight;
            if (details != null) {
                details.add(new UnitVote(part, shares, weight, nearest, nearestSimilarity));
            }
        }
        if (weightSum < 1e-9) {
            return new Vote(plain);
        }
        for (int cat = 0; cat < c; cat++) {
            scores[cat] /= weightSum;
        }
        return new Vote(scores);
    }

    private String reasoning(List<String> parts, List<UnitVote> details, double[] scores, String winner) {
        int label = categories.indexOf(winner);
        StringBuilder out = new StringBuilder();
        if (unit == Unit.SENTENCE) {
            List<UnitVote> decisive = details.stream()
                    .filter(d -> label >= 0 && d.shares()[label] > 0.5 && d.weight() > 0.05)
                    .sorted((a, b) -> Double.compare(b.weight() * b.shares()[label], a.weight() * a.shares()[label]))
                    .limit(2).toList();
            if (decisive.isEmpty()) {
                out.append("No sentence is typical of one visit type; ");
            } else {
                out.append("Sentences typical of ").append(winner).append(" in the labelled examples: ");
                for (int i = 0; i < decisive.size(); i++) {
                    UnitVote d = decisive.get(i);
                    if (i > 0) {
                        out.append("; ");
                    }
                    out.append(String.format(Locale.ROOT, "\"%s\" (%.0f%% of its %d nearest example sentences",
                            Scores.abbreviate(parts.get(d.part()), 60), 100 * d.shares()[label], k));
                    if (d.nearest() >= 0) {
                        out.append(String.format(Locale.ROOT, "; closest \"%s\" %.2f, line %d",
                                Scores.abbreviate(units.get(d.nearest()), 50), d.nearestSimilarity(),
                                firstLine[d.nearest()]));
                    }
                    out.append(')');
                }
                out.append(". ");
            }
        } else {
            UnitVote d = details.getFirst();
            out.append(String.format(Locale.ROOT, "%.0f%% of the %d nearest labelled examples by similarity are %s",
                    label < 0 ? 0.0 : 100 * d.shares()[label], k, winner));
            if (d.nearest() >= 0) {
                out.append(String.format(Locale.ROOT, "; closest \"%s\" %.2f, line %d",
                        Scores.abbreviate(units.get(d.nearest()), 60), d.nearestSimilarity(), firstLine[d.nearest()]));
            }
            out.append(". ");
        }
        out.append("Vote: ");
        Integer[] order = IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> Double.compare(scores[b], scores[a])).toArray(Integer[]::new);
        for (int i = 0; i < Math.min(3, order.length); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(String.format(Locale.ROOT, "%s %.2f", categories.get(order[i]), scores[order[i]]));
        }
        return out.append('.').toString();
    }

    static List<String> split(Unit unit, String text) {
        if (unit == Unit.SENTENCE) {
            return Sentences.split(text);
        }
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : List.of(stripped);
    }

    /** Collects the distinct units of the examples and embeds them. */
    private static final class Builder {
        final MiniLmEmbedder embedder;
        final LabelledExamples examples;
        final Unit unit;
        final int k;
        final List<String> categories;
        final int[] labels;
        final List<String> units = new ArrayList<>();
        final List<int[]> exampleUnits = new ArrayList<>();
        float[][] vectors;
        int[][] counts;
        int[] totals;
        int[] firstLine;
        int occurrences;

        Builder(MiniLmEmbedder embedder, LabelledExamples examples, Unit unit, int k) {
            this.embedder = embedder;
            this.examples = examples;
            this.unit = unit;
            this.k = k;
            this.categories = new ArrayList<>(examples.categories());
            Map<String, Integer> categoryIndex = new HashMap<>();
            categories.forEach(c -> categoryIndex.put(c, categoryIndex.size()));
            List<LabelledExamples.Example> list = examples.examples();
            labels = new int[list.size()];
            Map<String, Integer> unitIndex = new LinkedHashMap<>();
            List<int[]> countList = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            for (int e = 0; e < list.size(); e++) {
                LabelledExamples.Example example = list.get(e);
                labels[e] = categoryIndex.get(example.category());
                List<String> parts = split(unit, example.text());
                int[] ids = new int[parts.size()];
                for (int p = 0; p < parts.size(); p++) {
                    Integer id = unitIndex.get(parts.get(p));
                    if (id == null) {
                        id = units.size();
                        unitIndex.put(parts.get(p), id);
                        units.add(parts.get(p));
                        countList.add(new int[categories.size()]);
                        lines.add(example.line());
                    }
                    countList.get(id)[labels[e]]++;
                    ids[p] = id;
                    occurrences++;
                }
                exampleUnits.add(ids);
            }
            counts = countList.toArray(int[][]::new);
            totals = new int[counts.length];
            for (int u = 0; u < counts.length; u++) {
                for (int count : counts[u]) {
                    totals[u] += count;
                }
            }
            firstLine = lines.stream().mapToInt(Integer::intValue).toArray();
        }

        void embed(BooleanSupplier cancelled) {
            vectors = new float[units.size()][];
            for (int from = 0; from < units.size(); from += EMBED_CHUNK) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("closed while embedding the examples");
                }
                int to = Math.min(units.size(), from + EMBED_CHUNK);
                float[][] chunk = embedder.embed(units.subList(from, to));
                System.arraycopy(chunk, 0, vectors, from, chunk.length);
            }
        }
    }

    /** The most similar rows, most similar first. */
    private static final class Neighbours {
        final int[] index;
        final double[] similarity;
        int size;

        Neighbours(int capacity) {
            index = new int[capacity];
            similarity = new double[capacity];
        }

        void offer(int i, double sim) {
            if (size == index.length && sim <= similarity[size - 1]) {
                return;
            }
            int pos = size == index.length ? size - 1 : size++;
            while (pos > 0 && similarity[pos - 1] < sim) {
                index[pos] = index[pos - 1];
                similarity[pos] = similarity[pos - 1];
                pos--;
            }
            index[pos] = i;
            similarity[pos] = sim;
        }
    }
}
