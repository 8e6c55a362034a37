package io.cognitivecdc.replay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplaySummaryTest {

    private static ReplaySummary summary(int unpublished, int replayed, int stale, int failedAgain, int pending) {
        return new ReplaySummary(10, 1, 2, 5, unpublished, replayed, stale, failedAgain, pending, false,
                "replay-20261121T120000Z-0000002a");
    }

    @Test
    void shouldExitZeroWhenEveryDeadLetterWasReplayedOrIsStale() {
        assertThat(summary(0, 3, 2, 0, 0).exitCode()).isZero();
    }

    @Test
    void shouldExitOneWhenAnyFailedAgainIsPendingOrWasNotPublished() {
        assertThat(summary(0, 4, 0, 1, 0).exitCode()).isEqualTo(1);
        assertThat(summary(0, 4, 0, 0, 1).exitCode()).isEqualTo(1);
        assertThat(summary(1, 4, 0, 0, 0).exitCode()).isEqualTo(1);
    }

    @Test
    void shouldEndWithAResultLineForScripts() {
        assertThat(summary(0, 2, 1, 1, 1).resultLine()).isEqualTo("RESULT selected=5 replayed=2 stale=1 "
                + "failed_again=1 pending=1 unpublished=0 superseded=2 undecodable=1 read=10 dry_run=false "
                + "replay_id=replay-20261121T120000Z-0000002a");
    }

    @Test
    void shouldSayDryRunAndNoReplayIdWhenNothingWasPublished() {
        ReplaySummary dryRun = new ReplaySummary(10, 1, 2, 5, 0, 0, 0, 0, 0, true, null);

        assertThat(dryRun.resultLine()).endsWith(" dry_run=true replay_id=none");
        assertThat(dryRun.exitCode()).isZero();
    }
}
