package io.cognitivecdc.cli;

import io.cognitivecdc.llm.Durations;

import java.time.Duration;

/** Reads a duration option the way every command and the pipeline definition read durations ({@link Durations}). */
final class DurationConverter extends ParsingConverter<Duration> {

    DurationConverter() {
        super(Durations::parse);
    }
}
