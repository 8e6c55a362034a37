package io.cognitivecdc.llm.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits text into sentences: after {@code .}, {@code !} or {@code ?} (and any closing quotes or brackets) followed by
 * white space and a capital letter, digit or opening quote/bracket, and at line breaks. Common abbreviations
 * ("Dr.", "e.g.", "approx.") and single initials do not end a sentence; decimals ("38.4") never do.
 */
final class Sentences {

    private static final Set<String> ABBREVIATIONS = Set.of("dr", "mr", "mrs", "ms", "prof", "vs", "e.g", "i.e",
            "eg", "ie", "approx", "fig", "cf", "al", "jr", "sr", "pt", "pts", "q.d", "b.i.d", "t.i.d", "q.i.d", "p.o");

    private Sentences() {
    }

    /** The sentences of {@code text}, stripped, in order; never empty strings. */
    static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                add(sentences, text.substring(start, i));
                start = i + 1;
                continue;
            }
            if (c != '.' && c != '!' && c != '?') {
                continue;
            }
            int end = i + 1;
            while (end < length && "\"')]”’".indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            if (end >= length || !Character.isWhitespace(text.charAt(end))) {
                continue;
            }
            int next = end;
            while (next < length && Character.isWhitespace(text.charAt(next)) && text.charAt(next) != '\n') {
                next++;
            }
            if (next < length && text.charAt(next) != '\n') {
                char n = text.charAt(next);
                boolean opens = Character.isUpperCase(n) || Character.isDigit(n) || "\"'([“‘".indexOf(n) >= 0;
                if (!opens || (c == '.' && isAbbreviation(text, start, i))) {
                    continue;
                }
            }
            add(sentences, text.substring(start, end));
            start = end;
            i = end - 1;
        }
        add(sentences, text.substring(Math.min(start, length)));
        return sentences;
    }

    private static boolean isAbbreviation(String text, int from, int dot) {
        int wordStart = dot;
        while (wordStart > from && !Character.isWhitespace(text.charAt(wordStart - 1))
                && text.charAt(wordStart - 1) != '(') {
            wordStart--;
        }
        String word = text.substring(wordStart, dot);
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return true; // an initial: "J. Smith"
        }
        return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    private static void add(List<String> sentences, String sentence) {
        String stripped = sentence.strip();
        if (!stripped.isEmpty()) {
            sentences.add(stripped);
        }
    }
}
