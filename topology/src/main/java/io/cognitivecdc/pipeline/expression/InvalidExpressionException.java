package io.cognitivecdc.pipeline.expression;

/** An expression of a pipeline definition cannot be compiled; the message says what is wrong. */
public class InvalidExpressionException extends RuntimeException {

    public InvalidExpressionException(String message) {
        super(message);
    }
}
