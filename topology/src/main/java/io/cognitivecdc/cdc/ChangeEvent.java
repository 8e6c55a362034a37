package io.cognitivecdc.cdc;

import java.util.Map;
import java.util.Objects;

/**
 * One Debezium change event, independent of the connector and of the converter (Avro or JSON) that carried it.
 *
 * <p>Row images are plain Java: strings, boxed numbers, {@code byte[]}, nested {@code Map}s and {@code List}s.
 * Logical types (decimals, timestamps) keep the raw value the converter wrote.
 *
 * @param op     what happened to the row
 * @param before the row before the change; {@code null} for creates and reads, and for updates unless the table logs
 *               full before-images (PostgreSQL {@code REPLICA IDENTITY FULL}); only the key columns for PostgreSQL
 *               deletes under the default replica identity
 * @param after  the row after the change; never {@code null} when {@link Op#isUpsert()}
 * @param source where the change came from
 * @param tsMs   when the connector processed the change, epoch milliseconds (the envelope's {@code ts_ms})
 */
public record ChangeEvent(Op op, Map<String, Object> before, Map<String, Object> after, SourceInfo source, long tsMs) {

    /** Checks that the event has an op and a source, the two things every consumer relies on. */
    public ChangeEvent {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(source, "source");
    }
}
