package io.cognitivecdc.replay;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void shouldReadTheShortFormsOperatorsType() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse(" 2H ")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldReadIso8601AsRunDoes() {
        assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("P1DT2H")).isEqualTo(Duration.ofHours(26));
    }

    @Test
    void shouldRejectAnythingElseNamingTheFormsItAccepts() {
        for (String text : new String[]{"", "2", "h", "2 hours", "-2h", "PT-5M", "1m1h"}) {
            assertThatThrownBy(() -> Durations.parse(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + text + "' is not a duration such as 90s, 30m, 2h, 1d, 1h30m or PT2H");
        }
    }

    @Test
    void shouldFormatDurationsTheShortWay() {
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofSeconds(5415))).isEqualTo("1h30m15s");
        assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }
}
