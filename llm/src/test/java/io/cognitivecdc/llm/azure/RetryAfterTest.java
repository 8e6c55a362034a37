package io.cognitivecdc.llm.azure;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading how long a server asked us to wait. */
class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    private Duration wait(Map<String, String> headers) {
        return RetryAfter.fromHeaders(name -> headers.containsKey(name) ? List.of(headers.get(name)) : List.of(),
                clock).orElse(null);
    }

    @Test
    void delta_seconds_decimals_dates_and_milliseconds_are_understood() {
        assertThat(wait(Map.of("retry-after", "4"))).isEqualTo(Duration.ofSeconds(4));
        assertThat(wait(Map.of("retry-after", "0.5"))).isEqualTo(Duration.ofMillis(500));
        assertThat(wait(Map.of("retry-after", "Sat, 21 Nov 2026 12:01:00 GMT"))).isEqualTo(Duration.ofMinutes(1));
        assertThat(wait(Map.of("retry-after", "Sat, 21 Nov 2026 11:00:00 GMT"))).isEqualTo(Duration.ZERO);
        assertThat(wait(Map.of("retry-after-ms", "1234", "retry-after", "9"))).isEqualTo(Duration.ofMillis(1234));
        assertThat(wait(Map.of("x-ms-retry-after-ms", "700"))).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void garbage_or_absence_means_no_advice() {
        assertThat(wait(Map.of())).isNull();
        assertThat(wait(Map.of("retry-after", "soon"))).isNull();
        assertThat(wait(Map.of("retry-after", "-3"))).isNull();
    }
}
