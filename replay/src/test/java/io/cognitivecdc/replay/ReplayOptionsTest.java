package io.cognitivecdc.replay;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.cognitivecdc.replay.TestDeadLetters.NOW;
import static io.cognitivecdc.replay.TestDeadLetters.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayOptionsTest {

    @Test
    void shouldReplayEverythingWithinTheCommandsDefaultsWhenNothingIsSet() {
        ReplayOptions options = ReplayOptions.builder().build();

        assertThat(options.filter()).isEqualTo(ReplayFilter.none());
        assertThat(options.limit()).isZero();
        assertThat(options.dryRun()).isFalse();
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.kafkaTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldResolveHowLongAgoAgainstTheStartOfTheReplay() {
        ReplayOptions options = ReplayOptions.builder()
                .since(TimeBound.parse("2h"))
                .until(TimeBound.parse("2026-11-21T11:30:00Z"))
                .now(NOW)
                .build();

        assertThat(options.filter().since()).isEqualTo(NOW.minus(Duration.ofHours(2)));
        assertThat(options.filter().until()).isEqualTo(NOW.minus(Duration.ofMinutes(30)));
    }

    @Test
    void shouldFilterByEveryCriterionGiven() {
        ReplayOptions options = ReplayOptions.builder()
                .steps(List.of("summarizer"))
                .errorTypes(List.of("invalid_output"))
                .key(KeyMatcher.parse("42"))
                .now(NOW)
                .build();

        assertThat(options.filter().matches(deadLetter("{\"id\":42}", "summarizer", "INVALID_OUTPUT", NOW)))
                .isTrue();
        assertThat(options.filter().matches(deadLetter("{\"id\":43}", "summarizer", "INVALID_OUTPUT", NOW)))
                .isFalse();
        assertThat(options.filter().matches(deadLetter("{\"id\":42}", "classifier", "INVALID_OUTPUT", NOW)))
                .isFalse();
    }

    @Test
    void shouldRejectALimitBelowOneNamingTheOption() {
        assertThatThrownBy(() -> ReplayOptions.builder().limit(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--limit must be 1 or more, not 0");
        assertThat(ReplayOptions.builder().limit(3).build().limit()).isEqualTo(3);
    }

    @Test
    void shouldRejectASinceThatIsNotBeforeUntil() {
        assertThatThrownBy(() -> ReplayOptions.builder().since(TimeBound.parse("1h")).until(TimeBound.parse("2h"))
                .now(NOW).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--since (2026-11-21T11:00:00Z) must be before --until (2026-11-21T10:00:00Z)");
    }
}
