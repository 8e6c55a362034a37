package io.cognitivecdc.llm;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void shouldReadTheShortFormsUsersType() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse(" 2H ")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldReadBareNumbersAsSeconds() {
        assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse(30)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse(0.25)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void shouldReadIso8601() {
        assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("pt30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("P1DT2H")).isEqualTo(Duration.ofHours(26));
    }

    @Test
    void shouldRejectAnythingElseSayingHowToWriteOne() {
        for (String text : new String[]{"", "h", "soon", "2 hours", "1m1h", "1s1s", "PT5", "5sx"}) {
            assertThatThrownBy(() -> Durations.parse(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + text + "' is not a duration; write e.g. 30s, 500ms, 2m, 1h30m or PT30S");
        }
    }

    @Test
    void shouldRejectNegativeDurations() {
        for (Object value : new Object[]{"-2h", "PT-5M", -1, "-3"}) {
            assertThatThrownBy(() -> Durations.parse(value)).as(String.valueOf(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + value + "' is negative; a duration is written e.g. 30s, 500ms, 2m, 1h30m or PT30S");
        }
    }

    @Test
    void shouldFormatDurationsTheShortWayThatParseReadsBack() {
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofSeconds(5415))).isEqualTo("1h30m15s");
        assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        for (Duration d : new Duration[]{Duration.ofMillis(1500), Duration.ofSeconds(5415), Duration.ofDays(3)}) {
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
    }
}
