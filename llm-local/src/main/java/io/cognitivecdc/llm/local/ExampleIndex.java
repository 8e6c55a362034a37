package io.cognitivecdc.llm.local;

import io.cognitivecdc.llm.local.NearestNeighbourClassifier.Unit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The labelled examples as voters: each example split into units (sentences or the whole text), every distinct unit
 * embedded once and counted per category, since the same sentence ("Chest X-ray clear.") recurs across examples and
 * categories. Answers nearest-neighbour queries over the distinct units. Immutable; thread-safe.
 */
final class ExampleIndex {

    /** Units embedded per model call, so that cancellation is noticed between calls. */
    private static final int EMBED_CHUNK = 512;

    private final Unit unit;
    private final List<String> categories;
    /** Per example: its category and the ids of its units (with repeats). */
    private final int[] labels;
    private final List<int[]> exampleUnits;
    /** Per distinct unit: its text, embedding, occurrences per category and in all, the line it first occurs on. */
    private final List<String> units;
    private final float[][] vectors;
    private final int[][] counts;
    private final int[] totals;
    private final int[] firstLine;

    private ExampleIndex(Unit unit, List<String> categories, int[] labels, List<int[]> exampleUnits,
                         DistinctUnits distinct, float[][] vectors) {
        this.unit = unit;
        this.categories = categories;
        this.labels = labels;
        this.exampleUnits = exampleUnits;
        this.units = List.copyOf(distinct.texts);
        this.counts = distinct.counts.toArray(int[][]::new);
        this.firstLine = distinct.lines.stream().mapToInt(Integer::intValue).toArray();
        this.totals = new int[counts.length];
        for (int u = 0; u < counts.length; u++) {
            for (int count : counts[u]) {
                totals[u] += count;
            }
        }
        this.vectors = vectors;
    }

    /**
     * Splits and embeds the examples.
     *
     * @param cancelled checked between chunks of embeddings; building stops with a {@link CancellationException}
     *                  when it turns true
     */
    static ExampleIndex build(MiniLmEmbedder embedder, LabelledExamples examples, Unit unit,
                              BooleanSupplier cancelled) {
        List<String> categories = List.copyOf(examples.categories());
        Map<String, Integer> categoryIndex = new HashMap<>();
        categories.forEach(c -> categoryIndex.put(c, categoryIndex.size()));
        List<LabelledExamples.Example> list = examples.examples();
        int[] labels = new int[list.size()];
        List<int[]> exampleUnits = new ArrayList<>(list.size());
        DistinctUnits distinct = new DistinctUnits(categories.size());
        for (int e = 0; e < list.size(); e++) {
            LabelledExamples.Example example = list.get(e);
            labels[e] = categoryIndex.get(example.category());
            List<String> parts = unit.split(example.text());
            int[] ids = new int[parts.size()];
            for (int p = 0; p < parts.size(); p++) {
                ids[p] = distinct.add(parts.get(p), labels[e], example.line());
            }
            exampleUnits.add(ids);
        }
        float[][] vectors = embed(embedder, distinct.texts, cancelled);
        return new ExampleIndex(unit, categories, labels, exampleUnits, distinct, vectors);
    }

    private static float[][] embed(MiniLmEmbedder embedder, List<String> texts, BooleanSupplier cancelled) {
        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += EMBED_CHUNK) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("closed while embedding the examples");
            }
            int to = Math.min(texts.size(), from + EMBED_CHUNK);
            float[][] chunk = embedder.embed(texts.subList(from, to));
            System.arraycopy(chunk, 0, vectors, from, chunk.length);
        }
        return vectors;
    }

    Unit unit() {
        return unit;
    }

    /** Categories of the examples, in order of first appearance; a category's index is its label. */
    List<String> categories() {
        return categories;
    }

    int exampleCount() {
        return labels.length;
    }

    int label(int example) {
        return labels[example];
    }

    /** Ids of an example's units, one per unit (an id repeats when the example repeats a unit). */
    int[] unitsOf(int example) {
        return exampleUnits.get(example);
    }

    /** Number of distinct units. */
    int size() {
        return units.size();
    }

    /** Units of all examples together, repeats included. */
    int occurrences() {
        int sum = 0;
        for (int total : totals) {
            sum += total;
        }
        return sum;
    }

    String text(int unitId) {
        return units.get(unitId);
    }

    float[] vector(int unitId) {
        return vectors[unitId];
    }

    /** How often examples of a category contain the unit. */
    int count(int unitId, int label) {
        return counts[unitId][label];
    }

    /** How often examples contain the unit, in all categories. */
    int total(int unitId) {
        return totals[unitId];
    }

    /** The line of the examples file where the unit first occurs. */
    int firstLine(int unitId) {
        return firstLine[unitId];
    }

    /** The {@code capacity} distinct units most similar to {@code query} (cosine), most similar first. */
    Nearest nearest(float[] query, int capacity) {
        Nearest nearest = new Nearest(capacity);
        for (int j = 0; j < vectors.length; j++) {
            nearest.offer(j, MiniLmEmbedder.similarity(query, vectors[j]));
        }
        return nearest;
    }

    /** The most similar units found so far, most similar first: insertion into a short sorted array. */
    static final class Nearest {
        private final int[] ids;
        private final double[] similarities;
        private int size;

        private Nearest(int capacity) {
            ids = new int[capacity];
            similarities = new double[capacity];
        }

        int size() {
            return size;
        }

        int id(int rank) {
            return ids[rank];
        }

        double similarity(int rank) {
            return similarities[rank];
        }

        private void offer(int id, double similarity) {
            if (size == ids.length && similarity <= similarities[size - 1]) {
                return;
            }
            int pos = size == ids.length ? size - 1 : size++;
            while (pos > 0 && similarities[pos - 1] < similarity) {
                ids[pos] = ids[pos - 1];
                similarities[pos] = similarities[pos - 1];
                pos--;
            }
            ids[pos] = id;
            similarities[pos] = similarity;
        }
    }

    /** Distinct units in order of first occurrence, counted per category. */
    private static final class DistinctUnits {
        private final int categories;
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> texts = new ArrayList<>();
        private final List<int[]> counts = new ArrayList<>();
        private final List<Integer> lines = new ArrayList<>();

        DistinctUnits(int categories) {
            this.categories = categories;
        }

        /** Counts one occurrence and returns the unit's id. */
        int add(String text, int label, int line) {
            Integer id = ids.get(text);
            if (id == null) {
                id = texts.size();
                ids.put(text, id);
                texts.add(text);
                counts.add(new int[categories]);
                lines.add(line);
            }
            counts.get(id)[label]++;
            return id;
        }
    }
}
