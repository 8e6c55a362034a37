package io.cognitivecdc.replay;

import io.cognitivecdc.schemas.DeadLetter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which dead letters an operator asked to replay. Every criterion that is set must hold; an empty set or a null
 * bound does not filter.
 *
 * @param steps      the failed step's name, exactly (a record that failed outside the steps has none)
 * @param errorTypes the error type, in any case
 * @param since      failed at or after this instant
 * @param until      failed before this instant
 * @param key        the row
 */
public record ReplayFilter(Set<String> steps, Set<String> errorTypes, Instant since, Instant until, KeyMatcher key) {

    /**
     * Copies the sets and upper-cases the error types.
     *
     * @throws IllegalArgumentException if {@code since} is not before {@code until}
     */
    public ReplayFilter {
        steps = Set.copyOf(steps);
        errorTypes = errorTypes.stream().map(t -> t.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("--since (" + since + ") must be before --until (" + until + ")");
        }
    }

    /** A filter that lets every dead letter through. */
    public static ReplayFilter none() {
        return new ReplayFilter(Set.of(), Set.of(), null, null, null);
    }

    /** Whether {@code deadLetter} is one to replay. */
    public boolean matches(DeadLetter deadLetter) {
        if (!steps.isEmpty() && (deadLetter.getStep() == null || !steps.contains(deadLetter.getStep()))) {
            return false;
        }
        if (!errorTypes.isEmpty() && !errorTypes.contains(deadLetter.getErrorType().toUpperCase(Locale.ROOT))) {
            return false;
        }
        Instant failedAt = Instant.ofEpochMilli(deadLetter.getFailedAtMs());
        if (since != null && failedAt.isBefore(since)) {
            return false;
        }
        if (until != null && !failedAt.isBefore(until)) {
            return false;
        }
        return key == null || key.matches(deadLetter.getKey());
    }

    /** The criteria in words, e.g. {@code step in [summarizer], failed since 2026-11-21T08:00:00Z}; "none" if none. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!steps.isEmpty()) {
            parts.add("step in " + steps.stream().sorted().toList());
        }
        if (!errorTypes.isEmpty()) {
            parts.add("error type in " + errorTypes.stream().sorted().toList());
        }
        if (since != null) {
            parts.add("failed at or after " + since);
        }
        if (until != null) {
            parts.add("failed before " + until);
        }
        if (key != null) {
            parts.add("key " + key);
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
