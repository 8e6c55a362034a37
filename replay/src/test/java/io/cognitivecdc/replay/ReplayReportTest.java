package io.cognitivecdc.replay;

import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.deadletter.ReplayOutcome;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.cognitivecdc.replay.TestDeadLetters.stored;
import static org.assertj.core.api.Assertions.assertThat;

class ReplayReportTest {

    private static final String REPLAY_ID = "replay-20261121T120000Z-0000002a";

    private final StringWriter text = new StringWriter();
    private final ReplayReport report = new ReplayReport(new PrintWriter(text),
            new DeadLetterConfig(Map.of("application.id", "enrich-tickets")));

    private final StoredDeadLetter older = stored(0, 1, "{\"id\":1}", 90);
    private final StoredDeadLetter newer = stored(0, 5, "{\"id\":1}", 30);
    private final StoredDeadLetter two = stored(1, 2, "{\"id\":2}", 60);
    private final StoredDeadLetter three = stored(1, 3, "{\"id\":3}", 45);

    private List<String> lines() {
        return text.toString().lines().toList();
    }

    @Test
    void shouldCountFromReadingToSelectionThenListWhatWasLeftOut() {
        DeadLetterReader.Snapshot snapshot = new DeadLetterReader.Snapshot(List.of(older, newer, two),
                List.of(new DeadLetterReader.Undecodable(1, 9, "no value (a tombstone)")));
        ReplayPlan plan = ReplayPlan.of(snapshot.deadLetters(), ReplayFilter.none(), 1);

        report.plan(snapshot, plan);

        assertThat(lines()).containsExactly(
                "3 dead letter(s) read, 1 undecodable; 3 match the filters, of which 1 superseded by a newer dead "
                        + "letter of the same row; 1 selected (1 more beyond --limit)",
                "  undecodable  dead-letter 1/9: no value (a tombstone)",
                "  superseded   " + older.describe() + "  (superseded by the newer dead-letter 0/5)");
    }

    @Test
    void shouldListWhatADryRunWouldReplayToTheReplayTopic() {
        report.dryRun(ReplayPlan.of(List.of(two, three), ReplayFilter.none(), 0));

        assertThat(lines()).containsExactly("Would replay 2 to enrich-tickets.replay:", "  " + two.describe(),
                "  " + three.describe(), "Dry run: nothing published.");
    }

    @Test
    void shouldNameTheTopicsAndTheWaitWhenPublished() {
        report.waiting(3, REPLAY_ID, Duration.ofSeconds(90));

        assertThat(lines()).containsExactly("Published 3 to enrich-tickets.replay as replay " + REPLAY_ID
                + "; waiting up to 1m30s for the outcomes on enrich-tickets.replay-results");
    }

    @Test
    void shouldGiveTheTopologysReasonForEveryRowThatWasNotSimplyReplayed() {
        OutcomeWaiter.Outcomes outcomes = new OutcomeWaiter.Outcomes(List.of(
                answered(newer, Outcome.REPLAYED, null),
                answered(two, Outcome.STALE, "the row was deleted since it failed"),
                answered(three, Outcome.FAILED_AGAIN, "INVALID_OUTPUT: still too long")), List.of());

        report.outcomes(summary(1, 1, 1, 0), outcomes, Duration.ofMinutes(5));

        assertThat(lines()).containsExactly(
                "Replay " + REPLAY_ID + ": replayed=1 stale=1 failed_again=1 pending=0",
                "  stale         {\"id\":2}  the row was deleted since it failed",
                "  failed again  {\"id\":3}  INVALID_OUTPUT: still too long");
    }

    @Test
    void shouldSayWherePendingRowsWillReportTheirOutcome() {
        OutcomeWaiter.Outcomes outcomes = new OutcomeWaiter.Outcomes(List.of(), List.of(two));

        report.outcomes(summary(0, 0, 0, 1), outcomes, Duration.ofSeconds(2));

        assertThat(lines()).containsExactly(
                "Replay " + REPLAY_ID + ": replayed=0 stale=0 failed_again=0 pending=1",
                "  pending       {\"id\":2}  (dead-letter 1/2)",
                "Pending rows had no outcome within 2s. The topology holds them (a model outage or rate limit "
                        + "delays them) and writes their outcomes to enrich-tickets.replay-results under key "
                        + REPLAY_ID + " when they finish; if no instance is running, they wait on "
                        + "enrich-tickets.replay.");
    }

    private static OutcomeWaiter.Answered answered(StoredDeadLetter letter, Outcome outcome, String message) {
        return new OutcomeWaiter.Answered(letter, new ReplayOutcome(REPLAY_ID, letter.deadLetter().getKey(), outcome,
                message));
    }

    private static ReplaySummary summary(int replayed, int stale, int failedAgain, int pending) {
        int selected = replayed + stale + failedAgain + pending;
        return new ReplaySummary(selected, 0, 0, selected, 0, replayed, stale, failedAgain, pending, false,
                REPLAY_ID);
    }
}
