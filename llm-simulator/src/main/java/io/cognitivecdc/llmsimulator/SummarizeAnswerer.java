package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Answers {@code summarize} tasks extractively: whole sentences in text order, those mentioning the focus first, as
 * many as fit in {@code max_length} characters; a first sentence that alone is too long is cut at a word boundary.
 */
final class SummarizeAnswerer {

    static final int DEFAULT_MAX_LENGTH = 300;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");

    private final ObjectMapper mapper;

    SummarizeAnswerer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode answer(JsonNode task, boolean tooLong) {
        String text = Triggers.strip(task.path("text").asText("")).trim();
        String focus = task.path("focus").asText("");
        int maxLength = maxLength(task);
        ObjectNode answer = mapper.createObjectNode();
        if (tooLong) {
            answer.put("text", overLong(text, maxLength));
            answer.put("reasoning", "Kept every sentence.");
            return answer;
        }
        List<String> sentences = sentences(text);
        if (sentences.isEmpty()) {
            answer.put("text", "");
            answer.put("reasoning", "The text is empty.");
            return answer;
        }
        Set<String> focusWords = Words.stems(focus);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            if (!focusWords.isEmpty() && !Collections.disjoint(Words.stems(sentences.get(i)), focusWords)) {
                order.add(i);
            }
        }
        int aboutFocus = order.size();
        for (int i = 0; i < sentences.size(); i++) {
            if (!order.contains(i)) {
                order.add(i);
            }
        }
        List<Integer> kept = new ArrayList<>();
        int length = 0;
        for (int index : order) {
            int added = sentences.get(index).length() + (kept.isEmpty() ? 0 : 1);
            if (length + added <= maxLength) {
                kept.add(index);
                length += added;
            }
        }
        String summary;
        if (kept.isEmpty()) {
            summary = cut(sentences.get(order.getFirst()), maxLength);
        } else {
            Collections.sort(kept);
            summary = String.join(" ", kept.stream().map(sentences::get).toList());
        }
        answer.put("text", summary);
        answer.put("reasoning", "Kept " + Math.max(1, kept.size()) + " of " + sentences.size() + " sentence"
                + (sentences.size() == 1 ? "" : "s")
                + (focusWords.isEmpty() ? "" : ", preferring the " + aboutFocus + " about '" + focus + "'")
                + " within " + maxLength + " characters.");
        return answer;
    }

    static int maxLength(JsonNode task) {
        JsonNode max = task.path("max_length");
        return max.canConvertToInt() && max.asInt() > 0 ? max.asInt() : DEFAULT_MAX_LENGTH;
    }

    private static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(text)) {
            String trimmed = sentence.trim();
            if (!trimmed.isEmpty()) {
                sentences.add(trimmed);
            }
        }
        return sentences;
    }

    /** The longest word-boundary prefix that, with an ellipsis, fits. */
    private static String cut(String sentence, int maxLength) {
        if (maxLength <= 1) {
            return maxLength == 1 ? "…" : "";
        }
        String prefix = sentence.substring(0, maxLength - 1);
        int space = prefix.lastIndexOf(' ');
        if (space > 0) {
            prefix = prefix.substring(0, space);
        }
        if (Character.isHighSurrogate(prefix.charAt(prefix.length() - 1))) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix.stripTrailing() + "…";
    }

    private static String overLong(String text, int maxLength) {
        StringBuilder summary = new StringBuilder(text.isEmpty() ? "Summary." : text);
        while (summary.length() <= maxLength + 20) {
            summary.append(' ').append(text.isEmpty() ? "Summary." : text);
        }
        return summary.toString();
    }
}
