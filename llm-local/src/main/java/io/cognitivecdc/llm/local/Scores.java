package io.cognitivecdc.llm.local;

/** Small numeric helpers shared by the classifiers. */
final class Scores {

    private Scores() {
    }

    /** softmax(scores / temperature). */
    static double[] softmax(double[] scores, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            max = Math.max(max, score);
        }
        double[] out = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            out[i] = Math.exp((scores[i] - max) / temperature);
            sum += out[i];
        }
        for (int i = 0; i < scores.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** log softmax(scores / temperature)[index]. */
    static double logSoftmax(double[] scores, double temperature, int index) {
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            max = Math.max(max, score);
        }
        double sum = 0;
        for (double score : scores) {
            sum += Math.exp((score - max) / temperature);
        }
        return (scores[index] - max) / temperature - Math.log(sum);
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Temperatures tried when fitting: 0.01 to 10, log-spaced, 10 per decade. */
    static double[] temperatureGrid() {
        double[] grid = new double[31];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = Math.pow(10, -2 + i / 10.0);
        }
        return grid;
    }

    /** Rounds for output (3 decimals). */
    static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Text shortened to about {@code max} characters at a word boundary, with an ellipsis when cut. */
    static String abbreviate(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= max) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', max - 1);
        if (cut < max / 2) {
            cut = max - 1;
        }
        return flat.substring(0, cut).stripTrailing() + "…";
    }
}
