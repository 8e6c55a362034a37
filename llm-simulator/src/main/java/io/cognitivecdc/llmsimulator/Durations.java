package io.cognitivecdc.llmsimulator;

import java.time.Duration;
import java.util.Locale;

/** Parses the short durations of the command line: {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, ISO-8601. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return millis(value.substring(0, value.length() - 2), 1);
            }
            if (value.endsWith("s")) {
                return millis(value.substring(0, value.length() - 1), 1000);
            }
            if (value.endsWith("m")) {
                return millis(value.substring(0, value.length() - 1), 60_000);
            }
            return millis(value, 1);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 250ms, 2s, 1m)", e);
        }
    }

    private static Duration millis(String number, double factor) {
        double value = Double.parseDouble(number.trim()) * factor;
        if (value < 0) {
            throw new IllegalArgumentException("negative duration");
        }
        return Duration.ofNanos(Math.round(value * 1_000_000));
    }
}
