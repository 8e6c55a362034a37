package io.cognitivecdc.llm.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The confidence temperature fitted on the examples by leave-one-out: examples (a fixed random sample when there are
 * many) are voted on by the others with their own units taken out, and the temperature on {@link
 * Scores#temperatureGrid()} that minimises the mean negative log-likelihood of their true categories under
 * {@code softmax(vote / T)} wins. A confidence of 0.8 then means about 80% of such answers are right, on data like
 * the examples.
 *
 * @param temperature the fitted temperature
 * @param accuracy    share of the sample whose vote picks its true category
 * @param sample      how many examples were voted on
 * @param meanNll     mean negative log-likelihood at that temperature
 */
record TemperatureFit(double temperature, double accuracy, int sample, double meanNll) {

    /** Fixed, so that fitting the same examples always picks the same sample and temperature. */
    private static final long SAMPLE_SEED = 17;

    /** Fits on at most {@code maxSample} examples. */
    static TemperatureFit fit(NeighbourVote vote, int maxSample) {
        List<Integer> sample = sample(vote.index().exampleCount(), maxSample);
        double[][] votes = new double[sample.size()][];
        int[] truth = new int[sample.size()];
        IntStream.range(0, sample.size()).parallel().forEach(s -> {
            int example = sample.get(s);
            truth[s] = vote.index().label(example);
            votes[s] = leaveOneOut(vote, example);
        });
        double bestTemperature = Double.NaN;
        double bestNll = Double.POSITIVE_INFINITY;
        for (double t : Scores.temperatureGrid()) {
            double nll = meanNll(votes, truth, t);
            if (nll < bestNll) {
                bestNll = nll;
                bestTemperature = t;
            }
        }
        return new TemperatureFit(bestTemperature, accuracy(votes, truth), votes.length, bestNll);
    }

    private static List<Integer> sample(int n, int maxSample) {
        List<Integer> all = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        if (n <= maxSample) {
            return all;
        }
        Collections.shuffle(all, new Random(SAMPLE_SEED));
        return all.subList(0, maxSample);
    }

    /** The example's vote by the others: its own units vote with their own occurrences taken out. */
    private static double[] leaveOneOut(NeighbourVote vote, int example) {
        int[] own = vote.index().unitsOf(example);
        float[][] ownVectors = new float[own.length][];
        for (int i = 0; i < own.length; i++) {
            ownVectors[i] = vote.index().vector(own[i]);
        }
        return vote.scores(ownVectors, NeighbourVote.LeftOut.example(vote.index(), example), null);
    }

    private static double accuracy(double[][] votes, int[] truth) {
        int correct = 0;
        for (int s = 0; s < votes.length; s++) {
            correct += Scores.argmax(votes[s]) == truth[s] ? 1 : 0;
        }
        return (double) correct / votes.length;
    }

    private static double meanNll(double[][] votes, int[] truth, double temperature) {
        double nll = 0;
        for (int s = 0; s < votes.length; s++) {
            nll -= Scores.logSoftmax(votes[s], temperature, truth[s]);
        }
        return nll / votes.length;
    }
}
