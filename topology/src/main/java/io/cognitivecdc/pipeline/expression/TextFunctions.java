package io.cognitivecdc.pipeline.expression;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Functions for taking part of a text field, callable in expressions as {@code text:after(raw.notes, 'Assessment:')}.
 * Each returns null when its input is null or the marker is absent, so a missing part reads as a missing input.
 */
public final class TextFunctions {

    /** A heading: a line start, 1-5 words, a colon. */
    private static final Pattern HEADING = Pattern.compile("(?m)^\\s*[A-Za-z][A-Za-z /&-]{0,60}:");

    /** The text after the first occurrence of {@code marker}, trimmed. */
    public String after(String text, String marker) {
        if (text == null || marker == null) {
            return null;
        }
        int at = text.indexOf(marker);
        return at < 0 ? null : text.substring(at + marker.length()).trim();
    }

    /** The text before the first occurrence of {@code marker}, trimmed. */
    public String before(String text, String marker) {
        if (text == null || marker == null) {
            return null;
        }
        int at = text.indexOf(marker);
        return at < 0 ? null : text.substring(0, at).trim();
    }

    /** The text between the first {@code start} and the next {@code end} after it (or the end), trimmed. */
    public String between(String text, String start, String end) {
        String rest = after(text, start);
        if (rest == null) {
            return null;
        }
        int at = end == null ? -1 : rest.indexOf(end);
        return (at < 0 ? rest : rest.substring(0, at)).trim();
    }

    /**
     * The body of section {@code heading} (matched case-insensitively, written as {@code Heading:} at a line start)
     * up to the next heading line, trimmed.
     */
    public String section(String text, String heading) {
        if (text == null || heading == null) {
            return null;
        }
        Matcher m = HEADING.matcher(text);
        String wanted = heading.trim().toLowerCase(Locale.ROOT);
        while (m.find()) {
            String found = m.group().trim();
            if (found.substring(0, found.length() - 1).trim().toLowerCase(Locale.ROOT).equals(wanted)) {
                int bodyStart = m.end();
                int bodyEnd = m.find() ? m.start() : text.length();
                return text.substring(bodyStart, bodyEnd).trim();
            }
        }
        return null;
    }

    /** At most {@code max} characters of {@code text}. */
    public String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
