package io.cognitivecdc.topology.internals;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * When a task may start model calls again after a passing failure (rate limit, outage, timeout). It owns its own
 * deadline, in the manner of Resilience4j's small state classes.
 *
 * <ul>
 *   <li>A failure starts a pause: the first lasts the initial backoff, each further round twice the last, up to the
 *       maximum, and never less than the provider's {@code Retry-After} (itself capped at the maximum, so that one
 *       odd answer cannot park the task for an hour).
 *   <li>Failures of calls that were already in flight when the pause began belong to the same round: they can
 *       lengthen the pause to their {@code Retry-After}, but do not double it again.
 *   <li>When the pause ends, one call probes the model; only its success lets the full in-flight set start again,
 *       so an outage costs one call per round, not one per row in flight.
 * </ul>
 */
public final class ModelBackoff {

    private static final Logger log = LoggerFactory.getLogger(ModelBackoff.class);

    private final long initialMs;
    private final long maxMs;
    private long backoffMs;
    private long pausedUntilMs;
    private boolean probing;

    public ModelBackoff(Duration initial, Duration max) {
        this.initialMs = initial.toMillis();
        this.maxMs = max.toMillis();
    }

    /**
     * How many calls may start now: 0 while paused, 1 (a probe) after a pause while {@code inFlight} is 0,
     * else {@code capacity}.
     */
    public int allowed(long nowMs, int capacity, int inFlight) {
        if (nowMs < pausedUntilMs) {
            return 0;
        }
        if (probing) {
            return inFlight == 0 ? Math.min(1, capacity) : 0;
        }
        return capacity;
    }

    /**
     * A call failed for a passing reason; a new pause is logged with its reason.
     *
     * @param waiting the rows that wait, for the log
     * @return the pause that starts now in ms, or 0 when the failure belongs to the pause already running
     */
    public long onTransientFailure(Completion.Failed failed, long waiting, long nowMs) {
        long pause = onTransientFailure(failed.retryAfterMs(), nowMs);
        if (pause > 0) {
            log.warn("Model calls pause for {} ms: step {} failed with {} ({}); {} row(s) wait", pause, failed.step(),
                    failed.errorType(), failed.message(), waiting);
        }
        return pause;
    }

    /** {@link #onTransientFailure(Completion.Failed, long, long)} without the log. */
    long onTransientFailure(long retryAfterMs, long nowMs) {
        long askedMs = Math.min(Math.max(retryAfterMs, 0), maxMs);
        probing = true;
        if (nowMs < pausedUntilMs) {
            pausedUntilMs = Math.max(pausedUntilMs, nowMs + askedMs);
            return 0;
        }
        backoffMs = backoffMs == 0 ? initialMs : Math.min(backoffMs * 2, maxMs);
        long waitMs = Math.max(backoffMs, askedMs);
        pausedUntilMs = nowMs + waitMs;
        return waitMs;
    }

    /** A call came back from the model (answered, or failed for a reason of its own row): the model is usable. */
    public void onAnswer() {
        backoffMs = 0;
        probing = false;
    }

    /** Whether calls are held back (paused, or waiting for a probe). */
    public boolean isHolding(long nowMs) {
        return nowMs < pausedUntilMs || probing;
    }
}
