package io.cognitivecdc.replay;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators type them: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, combined as {@code 1h30m}, or
 * ISO-8601 ({@code PT5M}, as {@code cognitive-cdc run} takes them).
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    /** What {@link #parse} accepts, for messages. */
    public static final String FORMATS = "a duration such as 90s, 30m, 2h, 1d, 1h30m or PT2H";

    private Durations() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException if it is neither form, or negative
     */
    public static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(trimmed);
        if (!trimmed.isEmpty() && m.matches()) {
            return Duration.ofDays(number(m.group(1))).plusHours(number(m.group(2)))
                    .plusMinutes(number(m.group(3))).plusSeconds(number(m.group(4)));
        }
        if (trimmed.startsWith("p")) {
            try {
                Duration duration = Duration.parse(trimmed);
                if (!duration.isNegative()) {
                    return duration;
                }
            } catch (DateTimeParseException e) {
                // reported below, with the forms that are accepted
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not " + FORMATS);
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /** {@code duration} the short way: {@code 5m}, {@code 1h30m}, {@code 45s}, {@code 250ms}, {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        long seconds = duration.toSeconds();
        append(text, seconds / 86_400, "d");
        append(text, seconds % 86_400 / 3600, "h");
        append(text, seconds % 3600 / 60, "m");
        append(text, seconds % 60, "s");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
