package io.cognitivecdc.replay;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.cognitivecdc.replay.TestDeadLetters.NOW;
import static io.cognitivecdc.replay.TestDeadLetters.deadLetter;
import static io.cognitivecdc.replay.TestDeadLetters.stored;
import static org.assertj.core.api.Assertions.assertThat;

class ReplayPlanTest {

    @Test
    void shouldReplayOnlyTheNewestDeadLetterPerKey() {
        StoredDeadLetter oldest = stored(0, 1, "{\"id\":1}", 180);
        StoredDeadLetter newest = stored(0, 7, "{\"id\":1}", 60);
        StoredDeadLetter middle = stored(0, 4, "{\"id\":1}", 120);
        StoredDeadLetter other = stored(1, 2, "{\"id\":2}", 90);

        ReplayPlan plan = ReplayPlan.of(List.of(oldest, newest, middle, other), ReplayFilter.none(), 0);

        assertThat(plan.selected()).containsExactly(other, newest);
        assertThat(plan.superseded()).extracting(ReplayPlan.Superseded::deadLetter).containsExactly(oldest, middle);
        assertThat(plan.superseded()).allSatisfy(s -> assertThat(s.newer()).isSameAs(newest));
        assertThat(plan.matched()).isEqualTo(4);
    }

    @Test
    void shouldTellDeadLettersOfTheSameTimeApartByOffset() {
        StoredDeadLetter first = stored(0, 3, "{\"id\":1}", 10);
        StoredDeadLetter second = stored(0, 4, "{\"id\":1}", 10);

        assertThat(ReplayPlan.of(List.of(second, first), ReplayFilter.none(), 0).selected()).containsExactly(second);
    }

    @Test
    void shouldNeverReplayAnOlderFailureWhenTheNewestOfItsRowIsFilteredOut() {
        StoredDeadLetter classifierFailure = stored(0, 1, deadLetter("{\"id\":1}", "classifier", "INVALID_OUTPUT",
                NOW.minusSeconds(7200)));
        StoredDeadLetter summarizerFailure = stored(0, 2, deadLetter("{\"id\":1}", "summarizer", "INVALID_OUTPUT",
                NOW.minusSeconds(3600)));
        ReplayFilter classifierOnly = new ReplayFilter(Set.of("classifier"), Set.of(), null, null, null);

        ReplayPlan plan = ReplayPlan.of(List.of(classifierFailure, summarizerFailure), classifierOnly, 0);

        assertThat(plan.selected()).isEmpty();
        assertThat(plan.superseded()).singleElement().satisfies(s -> {
            assertThat(s.deadLetter()).isSameAs(classifierFailure);
            assertThat(s.newerSelected()).isFalse();
            assertThat(s.describe()).endsWith("(superseded by the newer dead-letter 0/2, which the filters leave out)");
        });
    }

    @Test
    void shouldTellRowsWithoutKeyJsonApartByTheirKeyBytesOrElseKeepEachRecord() {
        StoredDeadLetter sameBytesOld = new StoredDeadLetter(0, 1, new byte[]{1}, new byte[0],
                deadLetter(null, null, "UNDECODABLE_RECORD", NOW.minusSeconds(60)));
        StoredDeadLetter sameBytesNew = new StoredDeadLetter(0, 2, new byte[]{1}, new byte[0],
                deadLetter(null, null, "UNDECODABLE_RECORD", NOW.minusSeconds(30)));
        StoredDeadLetter noKeyA = new StoredDeadLetter(0, 3, null, new byte[0],
                deadLetter(null, null, "UNDECODABLE_RECORD", NOW.minusSeconds(20)));
        StoredDeadLetter noKeyB = new StoredDeadLetter(0, 4, null, new byte[0],
                deadLetter(null, null, "UNDECODABLE_RECORD", NOW.minusSeconds(10)));

        ReplayPlan plan = ReplayPlan.of(List.of(sameBytesOld, sameBytesNew, noKeyA, noKeyB), ReplayFilter.none(), 0);

        assertThat(plan.selected()).containsExactly(sameBytesNew, noKeyA, noKeyB);
    }

    @Test
    void shouldSelectTheOldestUpToTheLimitAndCountTheRest() {
        StoredDeadLetter a = stored(0, 1, "{\"id\":1}", 30);
        StoredDeadLetter b = stored(1, 1, "{\"id\":2}", 20);
        StoredDeadLetter c = stored(0, 2, "{\"id\":3}", 10);

        ReplayPlan plan = ReplayPlan.of(List.of(c, b, a), ReplayFilter.none(), 2);

        assertThat(plan.selected()).containsExactly(a, b);
        assertThat(plan.beyondLimit()).isEqualTo(1);
    }

    @Test
    void shouldCountOnlyWhatMatchesTheFilter() {
        StoredDeadLetter recent = stored(0, 1, "{\"id\":1}", 30);
        StoredDeadLetter old = stored(0, 2, "{\"id\":2}", 300);
        ReplayFilter lastHour = new ReplayFilter(Set.of(), Set.of(), NOW.minusSeconds(3600), null, null);

        ReplayPlan plan = ReplayPlan.of(List.of(recent, old), lastHour, 0);

        assertThat(plan.selected()).containsExactly(recent);
        assertThat(plan.matched()).isEqualTo(1);
        assertThat(plan.superseded()).isEmpty();
    }
}
