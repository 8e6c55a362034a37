package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Answers {@code classify} tasks: the taxonomy entry whose name, definition and examples share the most words with
 * the text and context wins (ties go to the earlier entry); confidence grows with the lead over the runner-up.
 */
final class ClassifyAnswerer {

    /** Entry names a model would fall back to when nothing matches. */
    private static final Set<String> FALLBACK_NAMES = Set.of("other", "others", "unknown", "none", "unclassified",
            "misc", "miscellaneous", "general");
    private static final int MAX_WORDS_IN_REASONING = 8;

    private final ObjectMapper mapper;

    ClassifyAnswerer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The scored choice, before any fault bends it. */
    record Choice(String category, double confidence, String reasoning) {
    }

    Choice choose(JsonNode task) {
        List<Entry> entries = entries(task.path("taxonomy"));
        if (entries.isEmpty()) {
            return new Choice("unknown", 0.3, "The task has no taxonomy to choose from.");
        }
        Set<String> input = Words.stems(Triggers.strip(task.path("text").asText("")) + " "
                + Triggers.strip(task.path("context").asText("")));
        Entry best = null;
        Entry second = null;
        for (Entry entry : entries) {
            entry.score(input);
            if (best == null || entry.score > best.score) {
                second = best;
                best = entry;
            } else if (second == null || entry.score > second.score) {
                second = entry;
            }
        }
        if (best.score == 0) {
            Entry fallback = entries.stream().filter(e -> FALLBACK_NAMES.contains(e.name.toLowerCase(Locale.ROOT)))
                    .findFirst().orElse(entries.getFirst());
            return new Choice(fallback.name, 0.3, "No words in common with any category; chose '" + fallback.name
                    + "' as the default.");
        }
        double runnerUp = second == null ? 0 : second.score;
        double confidence = Math.round((0.5 + 0.49 * (best.score - runnerUp) / best.score) * 100) / 100.0;
        confidence = Math.max(0.3, Math.min(0.99, confidence));
        List<String> shown = new ArrayList<>(best.shared);
        String words = String.join(", ", shown.subList(0, Math.min(MAX_WORDS_IN_REASONING, shown.size())));
        String reasoning = "The text shares " + best.shared.size() + " word" + (best.shared.size() == 1 ? "" : "s")
                + " with '" + best.name + "' (" + words + ")"
                + (second == null ? "." : " against " + second.shared.size() + " with '" + second.name + "'.");
        return new Choice(best.name, confidence, reasoning);
    }

    ObjectNode answer(Choice choice) {
        ObjectNode answer = mapper.createObjectNode();
        answer.put("category", choice.category());
        answer.put("confidence", choice.confidence());
        answer.put("reasoning", choice.reasoning());
        return answer;
    }

    /** A category name guaranteed not to be in the taxonomy. */
    static String outsideTaxonomy(JsonNode task) {
        Set<String> names = new LinkedHashSet<>();
        task.path("taxonomy").forEach(entry -> names.add(entry.path("name").asText()));
        String candidate = "unlisted_category";
        while (names.contains(candidate)) {
            candidate = candidate + "_x";
        }
        return candidate;
    }

    private static List<Entry> entries(JsonNode taxonomy) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : taxonomy) {
            String name = node.isTextual() ? node.asText() : node.path("name").asText("");
            if (name.isEmpty()) {
                continue;
            }
            StringBuilder words = new StringBuilder(name).append(' ').append(node.path("definition").asText(""));
            node.path("examples").forEach(example -> words.append(' ').append(example.asText("")));
            entries.add(new Entry(name, Words.stems(words.toString()), Words.stems(name)));
        }
        return entries;
    }

    /** One taxonomy entry and its overlap with the input. */
    private static final class Entry {
        final String name;
        final Set<String> vocabulary;
        final Set<String> nameWords;
        final Set<String> shared = new LinkedHashSet<>();
        double score;

        Entry(String name, Set<String> vocabulary, Set<String> nameWords) {
            this.name = name;
            this.vocabulary = vocabulary;
            this.nameWords = nameWords;
        }

        void score(Set<String> input) {
            shared.clear();
            score = 0;
            for (String word : input) {
                if (vocabulary.contains(word)) {
                    shared.add(word);
                    // The category's own name in the text is the strongest hint a human would use too.
                    score += nameWords.contains(word) ? 1.5 : 1.0;
                }
            }
        }
    }
}
