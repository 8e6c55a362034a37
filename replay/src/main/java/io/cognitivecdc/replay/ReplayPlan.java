package io.cognitivecdc.replay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * What to replay out of the dead letters read: those that match the filter, but only the newest dead letter of each
 * row (an older one describes a failure that a later one has replaced), oldest first, at most {@code limit}.
 *
 * @param selected    the dead letters to replay, oldest first
 * @param superseded  dead letters that match the filter but are not the newest of their row
 * @param matched     how many matched the filter, superseded ones included
 * @param beyondLimit how many would have been selected but for the limit
 */
record ReplayPlan(List<StoredDeadLetter> selected, List<Superseded> superseded, int matched, int beyondLimit) {

    /**
     * A dead letter left out because its row has a newer one.
     *
     * @param deadLetter    the one left out
     * @param newer         the newest dead letter of its row
     * @param newerSelected whether that newest one matches the filter (and so is replayed, limit permitting)
     */
    public record Superseded(StoredDeadLetter deadLetter, StoredDeadLetter newer, boolean newerSelected) {

        /** One line for an operator. */
        public String describe() {
            return deadLetter.describe() + "  (superseded by the newer dead-letter " + newer.position()
                    + (newerSelected ? ")" : ", which the filters leave out)");
        }
    }

    /**
     * Plans the replay.
     *
     * @param deadLetters every dead letter read, whatever the filter: the newest of a row counts even if it does not
     *                    match, so that an older failure is never replayed over a newer one
     * @param limit       at most this many are selected; 0 for no limit
     */
    public static ReplayPlan of(Collection<StoredDeadLetter> deadLetters, ReplayFilter filter, int limit) {
        BinaryOperator<StoredDeadLetter> newest = (a, b) -> StoredDeadLetter.OLDEST_FIRST.compare(a, b) >= 0 ? a : b;
        Map<String, StoredDeadLetter> newestOfRow = new HashMap<>();
        deadLetters.forEach(letter -> newestOfRow.merge(letter.row(), letter, newest));

        List<StoredDeadLetter> candidates = new ArrayList<>();
        List<Superseded> superseded = new ArrayList<>();
        int matched = 0;
        for (StoredDeadLetter letter : deadLetters.stream().sorted(StoredDeadLetter.OLDEST_FIRST).toList()) {
            if (!filter.matches(letter.deadLetter())) {
                continue;
            }
            matched++;
            StoredDeadLetter newer = newestOfRow.get(letter.row());
            if (newer == letter) {
                candidates.add(letter);
            } else {
                superseded.add(new Superseded(letter, newer, filter.matches(newer.deadLetter())));
            }
        }
        int selected = limit > 0 ? Math.min(limit, candidates.size()) : candidates.size();
        return new ReplayPlan(List.copyOf(candidates.subList(0, selected)), List.copyOf(superseded), matched,
                candidates.size() - selected);
    }
}
