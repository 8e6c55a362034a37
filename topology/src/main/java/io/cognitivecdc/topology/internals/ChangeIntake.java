package io.cognitivecdc.topology.internals;

import io.cognitivecdc.cdc.ChangeEvent;
import io.cognitivecdc.cdc.ChangeEventParser;
import io.cognitivecdc.cdc.InvalidChangeEventException;
import io.cognitivecdc.cdc.Op;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Reads a record of a CDC topic as the change of a row that the processor applies, or nothing to apply. */
public final class ChangeIntake {

    private static final Logger log = LoggerFactory.getLogger(ChangeIntake.class);

    private ChangeIntake() {
    }

    /**
     * The change event in {@code envelope}; empty for Debezium's tombstone after a delete (the delete event itself
     * already produced ours) and for a truncate, which is not propagated.
     *
     * @throws InvalidChangeEventException if the record is not a change event or has no key; the processing
     *                                     exception handler dead-letters it with its original bytes
     */
    public static Optional<ChangeEvent> read(GenericRecord key, GenericRecord envelope, Optional<RecordMetadata> at) {
        Optional<ChangeEvent> parsed = ChangeEventParser.parse(envelope);
        if (parsed.isEmpty()) {
            return parsed;
        }
        if (parsed.get().op() == Op.TRUNCATE) {
            log.warn("Ignoring truncate of {} at {}: truncates are not propagated to the enriched table",
                    parsed.get().source().qualifiedTable(),
                    at.map(m -> "topic " + m.topic() + " partition " + m.partition() + " offset " + m.offset())
                            .orElse("an unknown position"));
            return Optional.empty();
        }
        if (key == null) {
            throw new InvalidChangeEventException("the change event has no key; the sink cannot upsert a row without "
                    + "one (does the table have a primary key?)");
        }
        return parsed;
    }
}
