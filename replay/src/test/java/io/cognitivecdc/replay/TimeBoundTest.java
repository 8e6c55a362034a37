package io.cognitivecdc.replay;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeBoundTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void shouldTakeAnInstantAsItIs() {
        assertThat(TimeBound.parse("2026-11-21T08:00:00Z").resolve(NOW)).isEqualTo("2026-11-21T08:00:00Z");
        assertThat(TimeBound.parse("2026-11-21T09:00:00+01:00").resolve(NOW)).isEqualTo("2026-11-21T08:00:00Z");
    }

    @Test
    void shouldTakeADurationAsThatLongBeforeNow() {
        assertThat(TimeBound.parse("2h").resolve(NOW)).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(TimeBound.parse("PT30M").resolve(NOW)).isEqualTo("2026-11-21T11:30:00Z");
    }

    @Test
    void shouldNameBothFormsWhenTheTextIsNeither() {
        assertThatThrownBy(() -> TimeBound.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'yesterday' is neither an ISO-8601 instant such as 2026-11-21T08:00:00Z nor a duration "
                        + "such as 90s, 30m, 2h, 1d, 1h30m or PT2H (meaning that long ago)");
        assertThatThrownBy(() -> TimeBound.parse("2026-11-21T08:00:00")).as("no zone: ambiguous")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
