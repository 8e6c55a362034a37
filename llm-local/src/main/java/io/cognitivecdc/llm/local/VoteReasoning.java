package io.cognitivecdc.llm.local;

import io.cognitivecdc.llm.local.NeighbourVote.PartVote;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The reasoning of a nearest-neighbour answer: what decided the vote (the most decisive sentences for the winner, or
 * the share of the whole text's neighbours), the closest example with its line in the examples file, and the top
 * three scores.
 */
final class VoteReasoning {

    /** Parts quoted as decisive, at most. */
    private static final int DECISIVE_QUOTED = 2;
    /** Parts that vote for the winner with less weight than this are not worth quoting. */
    private static final double MIN_QUOTED_WEIGHT = 0.05;

    private VoteReasoning() {
    }

    /**
     * @param parts   the text's parts, as voted
     * @param details each part's vote
     * @param scores  the text's scores per label
     * @param winner  the category answered (may lack examples, then no part voted for it)
     */
    static String explain(NeighbourVote vote, List<String> parts, List<PartVote> details, double[] scores,
                          String winner) {
        ExampleIndex index = vote.index();
        int label = index.categories().indexOf(winner);
        StringBuilder out = new StringBuilder();
        if (index.unit() == NearestNeighbourClassifier.Unit.SENTENCE) {
            decisiveSentences(out, vote, parts, details, label, winner);
        } else {
            PartVote d = details.getFirst();
            out.append(String.format(Locale.ROOT, "%.0f%% of the %d nearest labelled examples by similarity are %s",
                    label < 0 ? 0.0 : 100 * d.shares()[label], vote.k(), winner));
            closest(out, index, d, 60);
            out.append(". ");
        }
        return topScores(out, index.categories(), scores).toString();
    }

    private static void decisiveSentences(StringBuilder out, NeighbourVote vote, List<String> parts,
                                          List<PartVote> details, int label, String winner) {
        List<PartVote> decisive = details.stream()
                .filter(d -> label >= 0 && d.shares()[label] > 0.5 && d.weight() > MIN_QUOTED_WEIGHT)
                .sorted((a, b) -> Double.compare(b.weight() * b.shares()[label], a.weight() * a.shares()[label]))
                .limit(DECISIVE_QUOTED).toList();
        if (decisive.isEmpty()) {
            out.append("No sentence is typical of one visit type; ");
            return;
        }
        out.append("Sentences typical of ").append(winner).append(" in the labelled examples: ");
        for (int i = 0; i < decisive.size(); i++) {
            PartVote d = decisive.get(i);
            if (i > 0) {
                out.append("; ");
            }
            out.append(String.format(Locale.ROOT, "\"%s\" (%.0f%% of its %d nearest example sentences",
                    Scores.abbreviate(parts.get(d.part()), 60), 100 * d.shares()[label], vote.k()));
            closest(out, vote.index(), d, 50);
            out.append(')');
        }
        out.append(". ");
    }

    private static void closest(StringBuilder out, ExampleIndex index, PartVote d, int quoteLength) {
        if (d.nearest() >= 0) {
            out.append(String.format(Locale.ROOT, "; closest \"%s\" %.2f, line %d",
                    Scores.abbreviate(index.text(d.nearest()), quoteLength), d.nearestSimilarity(),
                    index.firstLine(d.nearest())));
        }
    }

    private static StringBuilder topScores(StringBuilder out, List<String> categories, double[] scores) {
        out.append("Vote: ");
        Integer[] order = IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> Double.compare(scores[b], scores[a])).toArray(Integer[]::new);
        for (int i = 0; i < Math.min(3, order.length); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(String.format(Locale.ROOT, "%s %.2f", categories.get(order[i]), scores[order[i]]));
        }
        return out.append('.');
    }
}
