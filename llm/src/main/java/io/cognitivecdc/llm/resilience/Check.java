package io.cognitivecdc.llm.resilience;

import io.cognitivecdc.llm.Durations;

import java.time.Duration;

/**
 * The builders' argument checks. Messages leave out the setting's name and say what a valid value is, so that a
 * pipeline definition can report them under the path of the key it read.
 */
final class Check {

    private Check() {
    }

    static long between(long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static double between(double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static Duration positive(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("must be longer than zero, was " + (value == null ? "empty" : Durations.format(value)));
        }
        return value;
    }

    static Duration notNegative(Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("must not be negative, was " + (value == null ? "empty" : Durations.format(value)));
        }
        return value;
    }
}
