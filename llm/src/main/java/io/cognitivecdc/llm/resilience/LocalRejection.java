package io.cognitivecdc.llm.resilience;

import io.cognitivecdc.llm.LlmCallException;

import java.time.Duration;

/**
 * A call that this layer refused or gave up on before it reached the provider: circuit open, no place in the
 * bulkhead, no room in the quota in time (all transient, so the row waits), or more tokens than the quota could ever
 * admit (permanent). Never retried here — the wait already happened — and never counted by the circuit breaker: the
 * provider was not asked.
 */
final class LocalRejection extends LlmCallException {

    LocalRejection(Kind kind, String message, Duration retryAfter) {
        super(kind, message, -1, retryAfter, null);
    }

    /**
     * The caller's thread was interrupted while it waited: the work is being abandoned. Sets the thread's interrupt
     * flag again, for the caller to see.
     */
    static LocalRejection interrupted(String provider, String waitingFor) {
        Thread.currentThread().interrupt();
        return new LocalRejection(Kind.TIMEOUT, "provider '" + provider + "': interrupted while waiting for "
                + waitingFor, null);
    }
}
