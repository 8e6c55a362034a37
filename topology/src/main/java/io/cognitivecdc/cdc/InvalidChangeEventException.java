package io.cognitivecdc.cdc;

/**
 * A change event that does not have the shape of a Debezium envelope; the message names what is wrong.
 *
 * <p>Unchecked because callers inside Kafka Streams processors decide per record whether to skip or dead-letter,
 * and a checked exception would not cross the lambdas they use.
 */
public class InvalidChangeEventException extends RuntimeException {

    /** Creates the exception with a message naming the offending field. */
    public InvalidChangeEventException(String message) {
        super(message);
    }
}
