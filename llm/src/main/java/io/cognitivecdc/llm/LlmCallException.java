package io.cognitivecdc.llm;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A call to a model failed before it produced an answer. The {@link Kind} says whether trying again later can help.
 */
public class LlmCallException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** HTTP 429: over the rate or token quota. Transient. */
        RATE_LIMITED(true),
        /** HTTP 5xx. Transient. */
        SERVER_ERROR(true),
        /** No answer in time. Transient. */
        TIMEOUT(true),
        /** Could not connect, or the connection broke. Transient. */
        CONNECTION(true),
        /**
         * The provider's circuit breaker is open after many failures, so the call was not made; {@code retryAfter}
         * is how long it stays open. Transient.
         */
        CIRCUIT_OPEN(true),
        /** The provider's content filter refused the input or the output. Permanent for this input. */
        CONTENT_FILTER(false),
        /** The provider rejected the request (HTTP 400, input too long, …). Permanent for this input. */
        BAD_REQUEST(false),
        /** Credentials rejected (HTTP 401/403): nothing succeeds until configuration changes. */
        AUTHENTICATION(false);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Kind kind;
    private final int statusCode;
    private final Duration retryAfter;

    /**
     * @param statusCode the HTTP status, or -1 where there was none
     * @param retryAfter how long the provider asked to wait ({@code Retry-After}), or null
     */
    public LlmCallException(Kind kind, String message, int statusCode, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.statusCode = statusCode;
        this.retryAfter = retryAfter;
    }

    public LlmCallException(Kind kind, String message) {
        this(kind, message, -1, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind.isTransient();
    }

    public OptionalInt statusCode() {
        return statusCode < 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
