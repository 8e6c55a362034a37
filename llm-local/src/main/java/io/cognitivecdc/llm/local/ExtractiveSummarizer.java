package io.cognitivecdc.llm.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Extractive summaries: the text's own sentences, the most representative first, in their original order.
 *
 * <p>Each sentence scores its cosine similarity to the whole text (the normalised mean of all sentence embeddings),
 * plus its similarity to the focus when there is one. Sentences are taken best first while the summary (sentences
 * joined by a space) stays within the maximum length; one that does not fit is skipped and a shorter, lower-scoring
 * one may still fit. If not even one sentence fits, the best one is cut at a word boundary and ends with
 * {@value #ELLIPSIS}, still within the limit. Lengths are in UTF-16 chars (never more than code points).
 */
public final class ExtractiveSummarizer {

    /** Weight of the similarity to the focus, relative to the similarity to the whole text. */
    public static final double FOCUS_WEIGHT = 1.0;
    /** Ends a sentence that had to be cut. */
    public static final String ELLIPSIS = "…";

    /**
     * A summary.
     *
     * @param promptTokens tokens of the sentences (and focus) the model read
     */
    public record Summary(String text, String reasoning, long promptTokens) {
    }

    private final MiniLmEmbedder embedder;

    public ExtractiveSummarizer(MiniLmEmbedder embedder) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    /**
     * Summarises a text.
     *
     * @param focus     what the summary should favour, or null/blank
     * @param maxLength most characters of the summary, &gt;= 1
     */
    public Summary summarize(String text, String focus, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("max_length must be >= 1");
        }
        List<String> sentences = Sentences.split(text);
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("the text has no sentences");
        }
        boolean hasFocus = focus != null && !focus.isBlank();
        List<String> batch = new ArrayList<>(sentences);
        if (hasFocus) {
            batch.add(focus.strip());
        }
        MiniLmEmbedder.Embeddings embedded = embedder.embedAll(batch);
        int n = sentences.size();
        float[][] vectors = embedded.vectors();
        float[] document = centroid(vectors, n);

        double[] central = new double[n];
        double[] focused = new double[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            central[i] = MiniLmEmbedder.similarity(vectors[i], document);
            focused[i] = hasFocus ? MiniLmEmbedder.similarity(vectors[i], vectors[n]) : 0;
            score[i] = central[i] + FOCUS_WEIGHT * focused[i];
        }
        Integer[] ranking = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> score[i]).reversed()).toArray(Integer[]::new);

        List<Integer> picked = pick(sentences, ranking, maxLength);
        String summary;
        String reasoning;
        if (picked.isEmpty()) {
            int best = ranking[0];
            summary = cut(sentences.get(best), maxLength);
            reasoning = String.format(Locale.ROOT,
                    "No sentence fits in %d characters: the most representative one (#%d of %d, similarity %.2f%s) "
                            + "is cut at a word boundary.",
                    maxLength, best + 1, n, central[best],
                    hasFocus ? String.format(Locale.ROOT, ", to the focus %.2f", focused[best]) : "");
        } else {
            summary = picked.stream().map(sentences::get).collect(Collectors.joining(" "));
            reasoning = reasoning(picked, n, central, focused, hasFocus ? focus.strip() : null, maxLength);
        }
        return new Summary(summary, reasoning, embedded.totalTokens());
    }

    /**
     * Indexes of the sentences taken best first while the summary (joined by spaces) stays within
     * {@code maxLength}, in their original order: one that does not fit is skipped, a shorter one may still fit.
     */
    private static List<Integer> pick(List<String> sentences, Integer[] ranking, int maxLength) {
        boolean[] chosen = new boolean[sentences.size()];
        int length = 0;
        int count = 0;
        for (int i : ranking) {
            int added = sentences.get(i).length() + (count > 0 ? 1 : 0);
            if (length + added <= maxLength) {
                chosen[i] = true;
                length += added;
                count++;
            }
        }
        return IntStream.range(0, sentences.size()).filter(i -> chosen[i]).boxed().toList();
    }

    private static String reasoning(List<Integer> picked, int n, double[] central, double[] focused, String focus,
                                    int maxLength) {
        StringBuilder out = new StringBuilder();
        if (picked.size() == n) {
            out.append(String.format(Locale.ROOT, "All %d sentences fit in %d characters", n, maxLength));
        } else {
            out.append(String.format(Locale.ROOT, "Kept sentence%s %s of %d, the most representative of the whole "
                            + "text (similarity %s)",
                    picked.size() == 1 ? "" : "s",
                    picked.stream().map(i -> "#" + (i + 1)).collect(Collectors.joining(", ")), n,
                    picked.stream().map(i -> String.format(Locale.ROOT, "%.2f", central[i]))
                            .collect(Collectors.joining(", "))));
            if (focus != null) {
                out.append(String.format(Locale.ROOT, " and to the focus \"%s\" (%s)", Scores.abbreviate(focus, 40),
                        picked.stream().map(i -> String.format(Locale.ROOT, "%.2f", focused[i]))
                                .collect(Collectors.joining(", "))));
            }
            out.append(String.format(Locale.ROOT, ", within %d characters", maxLength));
        }
        return out.append('.').toString();
    }

    /** A sentence cut at a word boundary so that it and the ellipsis fit in {@code maxLength}. */
    static String cut(String sentence, int maxLength) {
        if (sentence.length() <= maxLength) {
            return sentence;
        }
        int room = maxLength - ELLIPSIS.length();
        if (room <= 0) {
            return ELLIPSIS.substring(0, Math.min(ELLIPSIS.length(), maxLength));
        }
        int end = room;
        if (Character.isHighSurrogate(sentence.charAt(end - 1))) {
            end--;
        }
        int space = -1;
        for (int i = Math.min(room, sentence.length() - 1); i > 0; i--) {
            if (Character.isWhitespace(sentence.charAt(i))) {
                space = i;
                break;
            }
        }
        if (space > 0) {
            end = space;
        }
        String head = sentence.substring(0, end).stripTrailing();
        while (!head.isEmpty() && ",;:-–(".indexOf(head.charAt(head.length() - 1)) >= 0) {
            head = head.substring(0, head.length() - 1).stripTrailing();
        }
        return head + ELLIPSIS;
    }

    private static float[] centroid(float[][] vectors, int n) {
        double[] sum = new double[vectors[0].length];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < sum.length; d++) {
                sum[d] += vectors[i][d];
            }
        }
        double norm = Math.sqrt(Arrays.stream(sum).map(v -> v * v).sum());
        float[] out = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            out[d] = (float) (sum[d] / Math.max(norm, 1e-12));
        }
        return out;
    }
}
