package io.cognitivecdc.llm.azure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads how long a server asked us to wait. Azure sends {@code retry-after-ms} (milliseconds) next to the standard
 * {@code Retry-After} (delta-seconds or an HTTP date); the millisecond header is more precise, so it wins.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param header looks up a response header's values by (case-insensitive) name
     * @param clock  "now" for HTTP-date values
     * @return the wait, never negative; empty when no header is present or none parses
     */
    public static Optional<Duration> fromHeaders(Function<String, List<String>> header, Clock clock) {
        for (String name : List.of("retry-after-ms", "x-ms-retry-after-ms")) {
            Optional<Duration> millis = first(header.apply(name)).flatMap(RetryAfter::parseMillis);
            if (millis.isPresent()) {
                return millis;
            }
        }
        return first(header.apply("retry-after")).flatMap(value -> parseRetryAfter(value, clock));
    }

    /** Parses a {@code Retry-After} value: delta-seconds (decimals tolerated) or an RFC 1123 HTTP date. */
    public static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        String trimmed = value.trim();
        try {
            double seconds = Double.parseDouble(trimmed);
            return nonNegative(Duration.ofMillis(Math.round(seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static Optional<Duration> parseMillis(String value) {
        try {
            return nonNegative(Duration.ofMillis(Math.round(Double.parseDouble(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> nonNegative(Duration duration) {
        return duration.isNegative() ? Optional.empty() : Optional.of(duration);
    }

    private static Optional<String> first(List<String> values) {
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.getFirst());
    }
}
