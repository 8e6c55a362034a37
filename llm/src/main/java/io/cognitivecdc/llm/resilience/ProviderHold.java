package io.cognitivecdc.llm.resilience;

import io.cognitivecdc.llm.Durations;
import io.cognitivecdc.llm.LlmCallException.Kind;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * After a 429, no call of the provider is sent until its {@code Retry-After} has passed — not only the refused one.
 * The provider's own count is the one that matters: it may share the quota with other clients, or have received our
 * requests later than we sent them (a cold client takes seconds for its first requests), and every call sent before
 * it has room again only earns another 429.
 */
final class ProviderHold {

    private final String provider;
    /** {@link System#nanoTime()} until which calls wait; now, at first: no wait. */
    private final AtomicLong until = new AtomicLong(System.nanoTime());

    ProviderHold(String provider) {
        this.provider = provider;
    }

    /** Holds calls for {@code wait} from now, unless they are held longer already. */
    void holdFor(Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        // Compared by difference: nanoTime values may wrap.
        until.accumulateAndGet(end, (current, proposed) -> current - proposed > 0 ? current : proposed);
    }

    /**
     * Waits until calls may be sent.
     *
     * @throws LocalRejection when the hold lasts longer than {@code maxWait}, or the thread is interrupted
     */
    void await(Duration maxWait) {
        long left = until.get() - System.nanoTime();
        if (left <= 0) {
            return;
        }
        if (left > maxWait.toNanos()) {
            throw new LocalRejection(Kind.RATE_LIMITED, "provider '" + provider + "' asked to wait "
                    + Durations.format(Duration.ofNanos(left)) + " before calling again", Duration.ofNanos(left));
        }
        try {
            Thread.sleep(Duration.ofNanos(left));
        } catch (InterruptedException e) {
            throw LocalRejection.interrupted(provider, "the end of a Retry-After");
        }
    }
}
