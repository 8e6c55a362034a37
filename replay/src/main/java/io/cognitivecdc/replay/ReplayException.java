package io.cognitivecdc.replay;

/**
 * Replay cannot go on because of its surroundings rather than its dead letters: Kafka or the schema registry does
 * not answer or refuses access, or a topic is missing. The message says what to check; the command exits 2.
 */
public final class ReplayException extends RuntimeException {

    /** @param message what went wrong and what to check */
    public ReplayException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to check
     * @param cause   the client's own exception
     */
    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
