package io.cognitivecdc.llmsimulator;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The simulator's notion of "sharing words": lower-cased letters/digits runs, English stop-words dropped, a crude
 * suffix stemmer so that "pains" meets "pain" and "emergencies" meets "emergency". Deterministic and cheap — a stand-in
 * for a model, not a linguist.
 */
final class Words {

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at",
            "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did",
            "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
            "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
            "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only",
            "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than",
            "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through",
            "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
            "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "per", "via", "e", "g",
            "etc", "also", "may", "might", "must", "shall");

    private Words() {
    }

    /** Distinct stems of {@code text}, in order of first appearance. */
    static Set<String> stems(String text) {
        Set<String> stems = new LinkedHashSet<>();
        if (text == null) {
            return stems;
        }
        for (String token : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
            if (token.length() < 2 || STOP_WORDS.contains(token)) {
                continue;
            }
            stems.add(stem(token));
        }
        return stems;
    }

    static String stem(String word) {
        int n = word.length();
        if (n >= 6 && word.endsWith("ing")) {
            return undouble(word.substring(0, n - 3));
        }
        if (n >= 5 && word.endsWith("ies")) {
            return word.substring(0, n - 3) + "y";
        }
        if (n >= 5 && word.endsWith("ed")) {
            return undouble(word.substring(0, n - 2));
        }
        if (n >= 5 && word.endsWith("ly")) {
            return word.substring(0, n - 2);
        }
        if (n >= 4 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
            return word.substring(0, n - 1);
        }
        return word;
    }

    /** "referr" → "refer", "stopp" → "stop"; "fall", "pass", "buzz" keep their doubled letter. */
    private static String undouble(String stem) {
        int n = stem.length();
        if (n >= 4 && stem.charAt(n - 1) == stem.charAt(n - 2) && "lsz".indexOf(stem.charAt(n - 1)) < 0
                && Character.isLetter(stem.charAt(n - 1)) && "aeiou".indexOf(stem.charAt(n - 1)) < 0) {
            return stem.substring(0, n - 1);
        }
        return stem;
    }
}
