package io.cognitivecdc.replay;

import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import io.cognitivecdc.llm.Durations;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * What a replay tells the operator as it goes, one method per stage; the last line is the summary's {@code RESULT}
 * line, for scripts. Every line that names a dead letter starts with two spaces and what became of it.
 */
final class ReplayReport {

    private final PrintWriter out;
    private final DeadLetterConfig topics;

    /**
     * @param out    where the report goes (stdout; progress goes elsewhere)
     * @param topics the topics of the instance, named in the lines
     */
    ReplayReport(PrintWriter out, DeadLetterConfig topics) {
        this.out = out;
        this.topics = topics;
    }

    void reading(ReplayFilter filter) {
        out.println("Reading dead-letter topic " + topics.deadLetterTopic() + " up to its current end; filters: "
                + filter.describe());
    }

    /** The counts from reading to selection, then every record left out on the way. */
    void plan(DeadLetterReader.Snapshot snapshot, ReplayPlan plan) {
        out.println(snapshot.deadLetters().size() + " dead letter(s) read, " + snapshot.undecodable().size()
                + " undecodable; " + plan.matched() + " match the filters, of which " + plan.superseded().size()
                + " superseded by a newer dead letter of the same row; " + plan.selected().size() + " selected"
                + (plan.beyondLimit() > 0 ? " (" + plan.beyondLimit() + " more beyond --limit)" : ""));
        snapshot.undecodable().forEach(record -> out.println("  undecodable  " + record.describe()));
        plan.superseded().forEach(superseded -> out.println("  superseded   " + superseded.describe()));
    }

    void dryRun(ReplayPlan plan) {
        out.println("Would replay " + plan.selected().size() + " to " + topics.replayTopic() + ":");
        plan.selected().forEach(letter -> out.println("  " + letter.describe()));
        out.println("Dry run: nothing published.");
    }

    void nothingToReplay() {
        out.println("Nothing to replay.");
    }

    void unpublished(List<ReplayPublisher.Failure> failures) {
        failures.forEach(failure -> out.println("  unpublished  " + failure.describe()));
    }

    /** That the wait begins; flushed, since the wait may be long. */
    void waiting(int published, String replayId, Duration timeout) {
        out.println("Published " + published + " to " + topics.replayTopic() + " as replay " + replayId
                + "; waiting up to " + Durations.format(timeout) + " for the outcomes on "
                + topics.replayResultsTopic());
        out.flush();
    }

    /** The outcome counts, then the rows that were not simply replayed, with the topology's reason. */
    void outcomes(ReplaySummary summary, OutcomeWaiter.Outcomes outcomes, Duration timeout) {
        out.println("Replay " + summary.replayId() + ": " + summary.outcomeLine());
        for (OutcomeWaiter.Answered answered : outcomes.answered()) {
            Outcome outcome = answered.outcome().outcome();
            if (outcome != Outcome.REPLAYED) {
                out.println("  " + (outcome == Outcome.STALE ? "stale         " : "failed again  ")
                        + answered.deadLetter().keyText() + "  " + answered.outcome().message());
            }
        }
        outcomes.pending().forEach(letter -> out.println("  pending       " + letter.keyText() + "  (dead-letter "
                + letter.position() + ")"));
        if (!outcomes.pending().isEmpty()) {
            out.println("Pending rows had no outcome within " + Durations.format(timeout) + ". The topology holds "
                    + "them (a model outage or rate limit delays them) and writes their outcomes to "
                    + topics.replayResultsTopic() + " under key " + summary.replayId() + " when they finish; if no "
                    + "instance is running, they wait on " + topics.replayTopic() + ".");
        }
    }

    /** The last line, flushed. */
    void result(ReplaySummary summary) {
        out.println(summary.resultLine());
        out.flush();
    }
}
