package io.cognitivecdc.replay;

/**
 * Replay cannot go on because of its surroundings rather than its dead letters: Kafka or the schema registry does
 * not answer or refuses access, or a topic is missing. The message says what to check; the command exits 2.
 */
public final class ReplayException extends RuntimeException {

    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
