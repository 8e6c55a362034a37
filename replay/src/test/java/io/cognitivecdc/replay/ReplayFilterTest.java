package io.cognitivecdc.replay;

import io.cognitivecdc.schemas.DeadLetter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static io.cognitivecdc.replay.TestDeadLetters.NOW;
import static io.cognitivecdc.replay.TestDeadLetters.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayFilterTest {

    private static final DeadLetter SUMMARIZER_INVALID = deadLetter("{\"id\":1}", "summarizer", "INVALID_OUTPUT",
            NOW.minusSeconds(3600));
    private static final DeadLetter UNDECODABLE = deadLetter(null, null, "UNDECODABLE_RECORD", NOW.minusSeconds(60));

    @Test
    void shouldLetEveryDeadLetterThroughWithoutCriteria() {
        assertThat(ReplayFilter.none().matches(SUMMARIZER_INVALID)).isTrue();
        assertThat(ReplayFilter.none().matches(UNDECODABLE)).isTrue();
        assertThat(ReplayFilter.none().describe()).isEqualTo("none");
    }

    @Test
    void shouldSelectBySteps() {
        ReplayFilter filter = new ReplayFilter(Set.of("classifier", "summarizer"), Set.of(), null, null, null);

        assertThat(filter.matches(SUMMARIZER_INVALID)).isTrue();
        assertThat(filter.matches(UNDECODABLE)).as("failed outside the steps").isFalse();
        assertThat(new ReplayFilter(Set.of("classifier"), Set.of(), null, null, null).matches(SUMMARIZER_INVALID))
                .isFalse();
    }

    @Test
    void shouldSelectByErrorTypesInAnyCase() {
        ReplayFilter filter = new ReplayFilter(Set.of(), Set.of("invalid_output", "CONTENT_FILTERED"), null, null,
                null);

        assertThat(filter.matches(SUMMARIZER_INVALID)).isTrue();
        assertThat(filter.matches(UNDECODABLE)).isFalse();
    }

    @Test
    void shouldSelectFromSinceInclusiveToUntilExclusive() {
        Instant failedAt = NOW.minusSeconds(3600);

        assertThat(new ReplayFilter(Set.of(), Set.of(), failedAt, null, null).matches(SUMMARIZER_INVALID)).isTrue();
        assertThat(new ReplayFilter(Set.of(), Set.of(), failedAt.plusMillis(1), null, null)
                .matches(SUMMARIZER_INVALID)).isFalse();
        assertThat(new ReplayFilter(Set.of(), Set.of(), null, failedAt, null).matches(SUMMARIZER_INVALID)).isFalse();
        assertThat(new ReplayFilter(Set.of(), Set.of(), null, failedAt.plusMillis(1), null)
                .matches(SUMMARIZER_INVALID)).isTrue();
    }

    @Test
    void shouldSelectByKey() {
        assertThat(new ReplayFilter(Set.of(), Set.of(), null, null, KeyMatcher.parse("1")).matches(SUMMARIZER_INVALID))
                .isTrue();
        assertThat(new ReplayFilter(Set.of(), Set.of(), null, null, KeyMatcher.parse("2")).matches(SUMMARIZER_INVALID))
                .isFalse();
    }

    @Test
    void shouldRejectARangeThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> new ReplayFilter(Set.of(), Set.of(), NOW, NOW.minusSeconds(1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--since (2026-11-21T12:00:00Z) must be before --until (2026-11-21T11:59:59Z)");
    }

    @Test
    void shouldDescribeItsCriteria() {
        ReplayFilter filter = new ReplayFilter(Set.of("summarizer"), Set.of("invalid_output"),
                Instant.parse("2026-11-21T08:00:00Z"), null, KeyMatcher.parse("{\"id\":42}"));

        assertThat(filter.describe()).isEqualTo("step in [summarizer], error type in [INVALID_OUTPUT], failed at or "
                + "after 2026-11-21T08:00:00Z, key {\"id\":42}");
    }
}
