package io.cognitivecdc.llm.local;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The similarity-weighted vote of a text's parts (sentences or the whole text) among the {@code k} nearest units of
 * the examples.
 *
 * <p>Each part takes its {@code k} nearest example units, a unit weighted by its similarity and counted as often as
 * examples contain it, and gets a share per category. The text's vote averages its parts' shares, each part weighted
 * by how decisive it is ({@code 1 - entropy / log(categories)}), so that sentences found in every category hardly
 * count. Thread-safe.
 */
final class NeighbourVote {

    /**
     * A part's vote.
     *
     * @param part              index of the part in the text
     * @param shares            share of each category among its neighbours, summing to 1
     * @param weight            its weight in the text's vote: how decisive the shares are, 0..1
     * @param nearest           id of its nearest example unit, or -1 when no neighbour counted
     * @param nearestSimilarity similarity of that unit
     */
    record PartVote(int part, double[] shares, double weight, int nearest, double nearestSimilarity) {
    }

    /**
     * An example kept out of the vote (leave-one-out): its own occurrences of units do not count.
     *
     * @param counts occurrences per unit id
     * @param label  its category
     */
    record LeftOut(Map<Integer, Integer> counts, int label) {

        /** Nothing left out. */
        static final LeftOut NONE = new LeftOut(Map.of(), -1);

        static LeftOut example(ExampleIndex index, int example) {
            Map<Integer, Integer> counts = new HashMap<>();
            for (int id : index.unitsOf(example)) {
                counts.merge(id, 1, Integer::sum);
            }
            return new LeftOut(counts, index.label(example));
        }

        int count(int unitId) {
            return counts.getOrDefault(unitId, 0);
        }
    }

    private final ExampleIndex index;
    private final int k;

    NeighbourVote(ExampleIndex index, int k) {
        this.index = index;
        this.k = k;
    }

    ExampleIndex index() {
        return index;
    }

    int k() {
        return k;
    }

    /**
     * The text's scores per category (indexed by label), from its parts' embeddings.
     *
     * @param details receives each part's vote, or null
     */
    double[] scores(float[][] parts, LeftOut leftOut, List<PartVote> details) {
        int c = index.categories().size();
        double[] scores = new double[c];
        double[] plain = new double[c];
        double weightSum = 0;
        for (int part = 0; part < parts.length; part++) {
            PartVote vote = vote(part, parts[part], leftOut);
            for (int cat = 0; cat < c; cat++) {
                scores[cat] += vote.weight() * vote.shares()[cat];
                plain[cat] += vote.shares()[cat] / parts.length;
            }
            weightSum += vote.weight();
            if (details != null) {
                details.add(vote);
            }
        }
        // No part is decisive at all: every part counts alike rather than dividing by ~0.
        if (weightSum < 1e-9) {
            return plain;
        }
        for (int cat = 0; cat < c; cat++) {
            scores[cat] /= weightSum;
        }
        return scores;
    }

    private PartVote vote(int part, float[] query, LeftOut leftOut) {
        int c = index.categories().size();
        // The left-out example's units may be among the nearest: look further so that k others remain.
        ExampleIndex.Nearest neighbours = index.nearest(query, k + leftOut.counts().size());
        double[] shares = new double[c];
        double total = 0;
        int need = k;
        int nearest = -1;
        double nearestSimilarity = 0;
        for (int i = 0; i < neighbours.size() && need > 0; i++) {
            int id = neighbours.id(i);
            int left = leftOut.count(id);
            int available = index.total(id) - left;
            if (available <= 0) {
                continue;
            }
            if (nearest < 0) {
                nearest = id;
                nearestSimilarity = neighbours.similarity(i);
            }
            // A unit that occurs more often than the votes still needed counts with the share it fills.
            int take = Math.min(available, need);
            need -= take;
            double weight = Math.max(neighbours.similarity(i), 0) * take / available;
            for (int cat = 0; cat < c; cat++) {
                int count = index.count(id, cat) - (cat == leftOut.label() ? left : 0);
                shares[cat] += weight * count;
            }
            total += weight * available;
        }
        normalise(shares, total);
        return new PartVote(part, shares, decisiveness(shares), nearest, nearestSimilarity);
    }

    private static void normalise(double[] shares, double total) {
        if (total <= 0) {
            Arrays.fill(shares, 1.0 / shares.length);
            return;
        }
        for (int cat = 0; cat < shares.length; cat++) {
            shares[cat] /= total;
        }
    }

    /** {@code 1 - entropy / log(categories)}: 1 for a unanimous vote, 0 for an even split. */
    private static double decisiveness(double[] shares) {
        int c = shares.length;
        double entropy = 0;
        for (double share : shares) {
            if (share > 0) {
                entropy -= share * Math.log(share);
            }
        }
        return c > 1 ? Math.max(0, 1 - entropy / Math.log(c)) : 1;
    }
}
