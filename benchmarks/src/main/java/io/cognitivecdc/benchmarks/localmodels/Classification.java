package io.cognitivecdc.benchmarks.localmodels;

import com.fasterxml.jackson.databind.JsonNode;
import io.cognitivecdc.benchmarks.VisitNotes;
import io.cognitivecdc.llm.local.LocalChatModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Results of classifying every note: throughput, accuracy against the labels, mean confidence and expected
 * calibration error (over 10 confidence bins), and per visit type; {@code invalid} counts answers outside the
 * taxonomy, with a confidence outside [0, 1] or without reasoning.
 */
record Classification(double rowsPerS, double accuracy, double meanConfidence, double calibrationError,
                      Map<String, int[]> byCategory, int invalid) {

    private static final int BINS = 10;

    /** Classifies every note with {@code model} on {@code threads} threads. */
    static Classification measure(LocalChatModel model, List<VisitNotes.Note> notes, int threads) {
        String[] categories = new String[notes.size()];
        double[] confidences = new double[notes.size()];
        AtomicInteger invalid = new AtomicInteger();
        double seconds = Parallel.timed(threads, notes.size(), i -> {
            JsonNode answer = ModelRequests.answer(model.complete(ModelRequests.classify(notes.get(i).text(), i))
                    .content());
            categories[i] = answer.path("category").asText();
            confidences[i] = answer.path("confidence").asDouble(-1);
            if (!VisitNotes.DEFINITIONS.containsKey(categories[i]) || confidences[i] < 0 || confidences[i] > 1
                    || answer.path("reasoning").asText().isBlank()) {
                invalid.incrementAndGet();
            }
        });
        return score(notes, categories, confidences, notes.size() / seconds, invalid.get());
    }

    private static Classification score(List<VisitNotes.Note> notes, String[] categories, double[] confidences,
                                        double rowsPerS, int invalid) {
        int correct = 0;
        double confidenceSum = 0;
        Map<String, int[]> byCategory = new LinkedHashMap<>();
        VisitNotes.DEFINITIONS.keySet().forEach(c -> byCategory.put(c, new int[2]));
        double[] binConfidence = new double[BINS];
        double[] binCorrect = new double[BINS];
        for (int i = 0; i < notes.size(); i++) {
            boolean right = notes.get(i).category().equals(categories[i]);
            correct += right ? 1 : 0;
            confidenceSum += confidences[i];
            int[] counts = byCategory.get(notes.get(i).category());
            counts[0] += right ? 1 : 0;
            counts[1]++;
            int bin = Math.min(BINS - 1, Math.max(0, (int) (confidences[i] * BINS)));
            binConfidence[bin] += confidences[i];
            binCorrect[bin] += right ? 1 : 0;
        }
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            ece += Math.abs(binCorrect[b] - binConfidence[b]) / notes.size();
        }
        return new Classification(rowsPerS, (double) correct / notes.size(), confidenceSum / notes.size(), ece,
                byCategory, invalid);
    }

    String describe() {
        return String.format(Locale.ROOT, "accuracy %.3f, mean confidence %.3f, calibration error %.3f",
                accuracy, meanConfidence, calibrationError);
    }

    String perCategory() {
        StringBuilder out = new StringBuilder();
        byCategory.forEach((category, counts) -> out.append(String.format(Locale.ROOT, "%s %d/%d  ", category,
                counts[0], counts[1])));
        return out.toString().strip();
    }
}
