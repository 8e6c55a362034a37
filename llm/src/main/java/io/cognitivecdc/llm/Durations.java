package io.cognitivecdc.llm;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them, in pipeline definitions and on every command line: {@code 30s}, {@code 500ms},
 * {@code 1.5s}, {@code 2m}, {@code 2h}, {@code 1d}, combined as {@code 1h30m}, ISO-8601 ({@code PT30S}), or a bare
 * number of seconds. One reader, so that a duration that works in one place works in all.
 */
public final class Durations {

    /** Examples of what {@link #parse} reads, for messages. */
    public static final String EXAMPLES = "e.g. 30s, 500ms, 2m, 1h30m or PT30S";

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|d|h|m|s)");
    /** The units, largest first: a combined duration names each once, in this order. */
    private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");
    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};

    private Durations() {
    }

    /**
     * Reads {@code value}: a {@link Number} of seconds, or text in one of the forms above. Never negative.
     *
     * @throws IllegalArgumentException saying how to write a duration, when {@code value} is none of these
     */
    public static Duration parse(Object value) {
        if (value instanceof Number number) {
            return nonNegative(Duration.ofMillis(Math.round(number.doubleValue() * 1000)), value);
        }
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            try {
                return nonNegative(Duration.parse(text.toUpperCase(Locale.ROOT)), value);
            } catch (DateTimeParseException e) {
                throw notADuration(value);
            }
        }
        if (NUMBER.matcher(text).matches()) {
            return ofUnits(text, 1000);
        }
        return parseParts(text, value);
    }

    private static Duration parseParts(String text, Object value) {
        Matcher part = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        int nextUnit = 0;
        while (part.lookingAt()) {
            int unit = UNITS.indexOf(part.group(2));
            if (unit < nextUnit) {
                throw notADuration(value);
            }
            total = total.plus(ofUnits(part.group(1), UNIT_MILLIS[unit]));
            nextUnit = unit + 1;
            end = part.end();
            part.region(end, text.length());
        }
        if (end == 0 || end != text.length()) {
            throw notADuration(value);
        }
        return total;
    }

    private static Duration ofUnits(String number, long millisPerUnit) {
        return Duration.ofMillis(Math.round(Double.parseDouble(number) * millisPerUnit));
    }

    private static Duration nonNegative(Duration duration, Object value) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("'" + value + "' is negative; a duration is written " + EXAMPLES);
        }
        return duration;
    }

    private static IllegalArgumentException notADuration(Object value) {
        if (String.valueOf(value).trim().startsWith("-")) {
            return new IllegalArgumentException("'" + value + "' is negative; a duration is written " + EXAMPLES);
        }
        return new IllegalArgumentException("'" + value + "' is not a duration; write " + EXAMPLES);
    }

    /**
     * {@code duration} the short way, as {@link #parse} reads it back: {@code 5m}, {@code 1h30m15s}, {@code 2d},
     * {@code 1s500ms}, {@code 250ms}, {@code 0s}; to the millisecond.
     */
    public static String format(Duration duration) {
        if (duration.toMillis() == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder(duration.isNegative() ? "-" : "");
        long left = Math.abs(duration.toMillis());
        for (int i = 0; i < UNITS.size(); i++) {
            long amount = left / UNIT_MILLIS[i];
            if (amount > 0) {
                text.append(amount).append(UNITS.get(i));
            }
            left %= UNIT_MILLIS[i];
        }
        return text.toString();
    }
}
