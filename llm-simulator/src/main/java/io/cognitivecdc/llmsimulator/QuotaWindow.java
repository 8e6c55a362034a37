package io.cognitivecdc.llmsimulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Sliding one-minute window of admitted requests and tokens, like an Azure deployment's RPM/TPM quota. */
final class QuotaWindow {

    private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    private record Admitted(long atNanos, long tokens) {
    }

    private final QuotaSettings quota;
    private final LongSupplier nanoClock;
    private final Deque<Admitted> admitted = new ArrayDeque<>();
    private long tokensInWindow;

    QuotaWindow(QuotaSettings quota, LongSupplier nanoClock) {
        this.quota = quota;
        this.nanoClock = nanoClock;
    }

    /** Admits the request (empty) or says how long until the window has room for it. */
    synchronized Optional<Duration> tryAdmit(long tokens) {
        if (quota.isUnlimited()) {
            return Optional.empty();
        }
        long now = nanoClock.getAsLong();
        while (!admitted.isEmpty() && now - admitted.peekFirst().atNanos() >= WINDOW_NANOS) {
            tokensInWindow -= admitted.pollFirst().tokens();
        }
        long waitNanos = 0;
        if (quota.requestsPerMinute() > 0 && admitted.size() >= quota.requestsPerMinute()) {
            // Room comes back when enough of the oldest requests leave the window.
            Admitted freeing = admitted.stream().skip(admitted.size() - quota.requestsPerMinute()).findFirst()
                    .orElseThrow();
            waitNanos = Math.max(waitNanos, freeing.atNanos() + WINDOW_NANOS - now);
        }
        if (quota.tokensPerMinute() > 0 && tokensInWindow + tokens > quota.tokensPerMinute()) {
            long excess = tokensInWindow + tokens - quota.tokensPerMinute();
            long freed = 0;
            long until = now + WINDOW_NANOS;
            for (Admitted entry : admitted) {
                freed += entry.tokens();
                if (freed >= excess) {
                    until = entry.atNanos() + WINDOW_NANOS;
                    break;
                }
            }
            waitNanos = Math.max(waitNanos, until - now);
        }
        if (waitNanos > 0) {
            return Optional.of(Duration.ofNanos(waitNanos));
        }
        admitted.addLast(new Admitted(now, tokens));
        tokensInWindow += tokens;
        return Optional.empty();
    }
}
