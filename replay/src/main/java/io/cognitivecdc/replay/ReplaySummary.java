package io.cognitivecdc.replay;

import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;

/**
 * The counts of one replay run, its machine-readable {@code RESULT} line and its exit code.
 *
 * @param read        dead letters read and decoded
 * @param undecodable records on the dead-letter topic that could not be decoded, skipped
 * @param superseded  dead letters that matched but were left out for a newer one of the same row
 * @param selected    dead letters to replay (after filter, deduplication and limit)
 * @param unpublished selected dead letters that could not be published
 * @param replayed    outcomes REPLAYED
 * @param stale       outcomes STALE
 * @param failedAgain outcomes FAILED_AGAIN
 * @param pending     published dead letters with no outcome when the wait ended
 * @param dryRun      whether nothing was published on purpose
 * @param replayId    the replay id, null on a dry run or when nothing was published
 */
public record ReplaySummary(int read, int undecodable, int superseded, int selected, int unpublished, int replayed,
                            int stale, int failedAgain, int pending, boolean dryRun, String replayId) {

    /** The counts of a dry run, or of a run with nothing to publish. */
    static ReplaySummary unpublished(DeadLetterReader.Snapshot snapshot, ReplayPlan plan, boolean dryRun) {
        return new ReplaySummary(snapshot.deadLetters().size(), snapshot.undecodable().size(), plan.superseded().size(),
                plan.selected().size(), 0, 0, 0, 0, 0, dryRun, null);
    }

    /** The counts of a run that published. */
    static ReplaySummary published(DeadLetterReader.Snapshot snapshot, ReplayPlan plan,
                                          ReplayPublisher.Result publishing, OutcomeWaiter.Outcomes outcomes,
                                          String replayId) {
        return new ReplaySummary(snapshot.deadLetters().size(), snapshot.undecodable().size(), plan.superseded().size(),
                plan.selected().size(), publishing.failed().size(), outcomes.count(Outcome.REPLAYED),
                outcomes.count(Outcome.STALE), outcomes.count(Outcome.FAILED_AGAIN), outcomes.pending().size(), false,
                replayId);
    }

    /** The outcome counts for people: {@code replayed=3 stale=1 failed_again=0 pending=0}. */
    public String outcomeLine() {
        return "replayed=" + replayed + " stale=" + stale + " failed_again=" + failedAgain + " pending=" + pending;
    }

    /** The last line of the output, for scripts. */
    public String resultLine() {
        return "RESULT selected=" + selected + " " + outcomeLine() + " unpublished=" + unpublished
                + " superseded=" + superseded + " undecodable=" + undecodable + " read=" + read
                + " dry_run=" + dryRun + " replay_id=" + (replayId == null ? "none" : replayId);
    }

    /** 0 when every selected dead letter was replayed or is stale (or none was selected); 1 otherwise. */
    public int exitCode() {
        return failedAgain > 0 || pending > 0 || unpublished > 0 ? 1 : 0;
    }
}
