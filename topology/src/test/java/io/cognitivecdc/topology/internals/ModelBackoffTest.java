package io.cognitivecdc.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelBackoffTest {

    private final ModelBackoff backoff = new ModelBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void shouldAllowTheWholeCapacityWhileTheModelAnswers() {
        assertThat(backoff.allowed(0, 256, 0)).isEqualTo(256);
        assertThat(backoff.isHolding(0)).isFalse();
    }

    @Test
    void shouldDoubleThePausePerRoundNotPerFailedCall() {
        assertThat(backoff.onTransientFailure(0, 1_000)).isEqualTo(500);
        // Six more calls that were in flight fail within the same pause: the same round.
        for (int i = 0; i < 6; i++) {
            assertThat(backoff.onTransientFailure(0, 1_100)).isZero();
        }
        assertThat(backoff.allowed(1_499, 256, 0)).isZero();

        assertThat(backoff.onTransientFailure(0, 1_600)).as("the probe of the next round failed").isEqualTo(1_000);
        assertThat(backoff.onTransientFailure(0, 3_000)).isEqualTo(2_000);
    }

    @Test
    void shouldWaitAtLeastAsLongAsTheProviderAskedButNotPastTheMaximum() {
        assertThat(backoff.onTransientFailure(4_000, 0)).isEqualTo(4_000);
        assertThat(backoff.allowed(3_999, 256, 0)).isZero();

        assertThat(backoff.onTransientFailure(3_600_000, 10_000)).as("Retry-After: 3600 is capped").isEqualTo(30_000);
    }

    @Test
    void shouldLengthenTheRunningPauseToALaterRetryAfterOfTheSameRound() {
        backoff.onTransientFailure(0, 0);
        backoff.onTransientFailure(2_000, 100);

        assertThat(backoff.allowed(1_000, 256, 0)).isZero();
        assertThat(backoff.allowed(2_100, 256, 0)).isEqualTo(1);
    }

    @Test
    void shouldProbeWithOneCallAfterAPauseAndResumeFullyOnlyAfterAnAnswer() {
        backoff.onTransientFailure(0, 0);

        assertThat(backoff.allowed(600, 256, 0)).as("one probe").isEqualTo(1);
        assertThat(backoff.allowed(600, 255, 1)).as("while the probe is out").isZero();
        assertThat(backoff.isHolding(600)).isTrue();

        backoff.onAnswer();
        assertThat(backoff.allowed(700, 255, 1)).isEqualTo(255);
        assertThat(backoff.onTransientFailure(0, 800)).as("backoff starts over after an answer").isEqualTo(500);
    }
}
