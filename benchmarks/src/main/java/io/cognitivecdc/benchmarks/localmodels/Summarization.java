package io.cognitivecdc.benchmarks.localmodels;

import io.cognitivecdc.benchmarks.VisitNotes;
import io.cognitivecdc.llm.local.LocalChatModel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Results of summarising every note (every other one with a focus): throughput, mean length against the notes',
 * summaries cut with an ellipsis; {@code invalid} counts empty or too long summaries, and uncut ones that are not
 * made of the note's own sentences.
 */
record Summarization(double rowsPerS, double meanLength, double meanSourceLength, int cut, int invalid) {

    private static final String FOCUS = "medication changes and follow-up plan";

    /** Summarizes every note with {@code model} on {@code threads} threads, within {@code maxLength}. */
    static Summarization measure(LocalChatModel model, List<VisitNotes.Note> notes, int threads, int maxLength) {
        int[] lengths = new int[notes.size()];
        AtomicInteger invalid = new AtomicInteger();
        AtomicInteger cut = new AtomicInteger();
        double seconds = Parallel.timed(threads, notes.size(), i -> {
            String text = notes.get(i).text();
            String summary = ModelRequests.answer(model.complete(ModelRequests.summarize(text,
                    i % 2 == 0 ? null : FOCUS, maxLength, i)).content()).path("text").asText();
            lengths[i] = summary.length();
            if (summary.isEmpty() || summary.length() > maxLength) {
                invalid.incrementAndGet();
            }
            if (summary.endsWith("…")) {
                cut.incrementAndGet();
            } else if (!isMadeOfSentencesOf(summary, text)) {
                invalid.incrementAndGet();
            }
        });
        double meanLength = Arrays.stream(lengths).average().orElse(0);
        double meanSource = notes.stream().mapToInt(n -> n.text().length()).average().orElse(0);
        return new Summarization(notes.size() / seconds, meanLength, meanSource, cut.get(), invalid.get());
    }

    /** Whether every sentence the summary kept appears in the source, in order. */
    static boolean isMadeOfSentencesOf(String summary, String text) {
        int from = 0;
        for (String sentence : summary.split("(?<=[.!?]) (?=[A-Z0-9])")) {
            int at = text.indexOf(sentence, from);
            if (at < 0) {
                return false;
            }
            from = at + sentence.length();
        }
        return true;
    }

    String describe() {
        return String.format(Locale.ROOT, "mean length %.0f of %.0f chars, %d cut with an ellipsis, all within "
                + "max_length: %s", meanLength, meanSourceLength, cut, invalid == 0 ? "yes" : "NO");
    }
}
