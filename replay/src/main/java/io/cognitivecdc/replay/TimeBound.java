package io.cognitivecdc.replay;

import io.cognitivecdc.llm.Durations;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One end of a time range as an operator gives it: an instant ({@code 2026-11-21T08:00:00Z}) or how long ago
 * ({@code 2h}), which only becomes an instant against the time the command starts.
 */
public record TimeBound(Instant instant, Duration ago) {

    /** Exactly one of the two is set. */
    public TimeBound {
        if ((instant == null) == (ago == null)) {
            throw new IllegalArgumentException("a time bound is an instant or a duration ago");
        }
    }

    /**
     * Parses an ISO-8601 instant (with {@code Z} or an offset) or a duration ago (see {@link Durations}).
     *
     * @throws IllegalArgumentException naming both forms
     */
    public static TimeBound parse(String text) {
        String trimmed = text.trim();
        try {
            return new TimeBound(OffsetDateTime.parse(trimmed).toInstant(), null);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return new TimeBound(null, Durations.parse(trimmed));
            } catch (IllegalArgumentException notADuration) {
                throw new IllegalArgumentException("'" + text + "' is neither an ISO-8601 instant such as "
                        + "2026-11-21T08:00:00Z nor " + "a duration such as 90s, 30m, 2h, 1d, 1h30m or PT2H (meaning that long ago)");
            }
        }
    }

    /** The instant this bound stands for when the command started at {@code now}. */
    public Instant resolve(Instant now) {
        return instant != null ? instant : now.minus(ago);
    }
}
