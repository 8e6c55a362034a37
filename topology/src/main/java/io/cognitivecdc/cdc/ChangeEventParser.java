package io.cognitivecdc.cdc;

import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;

/**
 * The one place that reads Debezium's change-event envelope ({@code before}, {@code after}, {@code source},
 * {@code op}, {@code ts_ms}) for the PostgreSQL and SQL Server connectors, from the Avro or the JSON converter.
 *
 * <p>An empty result means the value was a tombstone: Debezium writes one after every delete so that log compaction
 * can drop the key, and it carries no change of its own.
 */
public final class ChangeEventParser {

    private ChangeEventParser() {
    }

    /**
     * Parses an envelope decoded by an Avro converter or deserializer.
     *
     * @param envelope the record value; {@code null} for a tombstone
     * @return the event, or empty for a tombstone
     * @throws InvalidChangeEventException if the record is not a Debezium envelope
     */
    public static Optional<ChangeEvent> parse(GenericRecord envelope) {
        if (envelope == null) {
            return Optional.empty();
        }
        return Optional.of(parseEnvelope(PlainValues.recordToMap(envelope)));
    }

    /**
     * Parses an envelope decoded from the JSON converter, either bare or wrapped as {@code {"schema": …, "payload": …}}
     * (the converter's {@code schemas.enable=true} form).
     *
     * @param value the decoded JSON object; {@code null}, or a wrapper with a {@code null} payload, for a tombstone
     * @return the event, or empty for a tombstone
     * @throws InvalidChangeEventException if the value is not a Debezium envelope
     */
    public static Optional<ChangeEvent> parse(Map<String, ?> value) {
        if (value == null) {
            return Optional.empty();
        }
        if (isSchemaAndPayload(value)) {
            Map<String, Object> payload = mapField(value, "payload");
            return payload == null ? Optional.empty() : Optional.of(parseEnvelope(payload));
        }
        return Optional.of(parseEnvelope(PlainValues.mapToMap(value)));
    }

    private static boolean isSchemaAndPayload(Map<String, ?> value) {
        return value.size() == 2 && value.containsKey("schema") && value.containsKey("payload");
    }

    private static ChangeEvent parseEnvelope(Map<String, ?> envelope) {
        String opCode = stringField(envelope, "op");
        if (opCode == null) {
            // Usually a row already unwrapped by ExtractNewRecordState, so name what was found instead.
            throw new InvalidChangeEventException(
                    "change event has no 'op' field; fields present: " + envelope.keySet());
        }
        Op op = Op.fromCode(opCode);
        Map<String, Object> before = mapField(envelope, "before");
        Map<String, Object> after = mapField(envelope, "after");
        if (op.isUpsert() && after == null) {
            throw new InvalidChangeEventException("op '" + opCode + "' needs an 'after' row image, but 'after' is missing");
        }
        Map<String, Object> source = mapField(envelope, "source");
        if (source == null) {
            throw new InvalidChangeEventException("change event has no 'source' block");
        }
        Long envelopeTs = longField(envelope, "ts_ms");
        Long sourceTs = longField(source, "source.ts_ms");
        if (envelopeTs == null && sourceTs == null) {
            throw new InvalidChangeEventException("change event has neither 'ts_ms' nor 'source.ts_ms'");
        }
        SourceInfo sourceInfo = sourceInfo(source, sourceTs != null ? sourceTs : envelopeTs);
        return new ChangeEvent(op, before, after, sourceInfo, envelopeTs != null ? envelopeTs : sourceTs);
    }

    private static SourceInfo sourceInfo(Map<String, ?> source, long tsMs) {
        String table = stringField(source, "source.table");
        if (table == null) {
            throw new InvalidChangeEventException("change event has no 'source.table'");
        }
        String connector = stringField(source, "source.connector");
        return new SourceInfo(
                connector,
                stringField(source, "source.db"),
                stringField(source, "source.schema"),
                table,
                position(connector, source),
                tsMs);
    }

    private static String position(String connector, Map<String, ?> source) {
        if (SourceInfo.POSTGRESQL.equals(connector)) {
            Long lsn = longField(source, "source.lsn");
            return lsn == null ? "" : "%016x".formatted(lsn);
        }
        if (SourceInfo.SQLSERVER.equals(connector)) {
            // commit_lsn and change_lsn are fixed-width hex ("0000002b:00000ae8:0003"), so string order is log order;
            // event_serial_no orders the two events SQL Server writes for one update.
            String commitLsn = stringField(source, "source.commit_lsn");
            String changeLsn = stringField(source, "source.change_lsn");
            Long serial = longField(source, "source.event_serial_no");
            return nullToEmpty(commitLsn) + "/" + nullToEmpty(changeLsn) + "/" + (serial == null ? "" : "%019d".formatted(serial));
        }
        return "";
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Reads a field; {@code path} is the field's name prefixed with its parent block, for error messages. */
    private static Object field(Map<String, ?> map, String path) {
        return map.get(path.substring(path.lastIndexOf('.') + 1));
    }

    private static String stringField(Map<String, ?> map, String path) {
        return switch (field(map, path)) {
            case null -> null;
            case CharSequence text -> text.toString();
            case Object other -> throw wrongType(path, "a string", other);
        };
    }

    private static Long longField(Map<String, ?> map, String path) {
        return switch (field(map, path)) {
            case null -> null;
            case Number number -> number.longValue();
            case Object other -> throw wrongType(path, "a number", other);
        };
    }

    private static Map<String, Object> mapField(Map<String, ?> map, String path) {
        return switch (field(map, path)) {
            case null -> null;
            case Map<?, ?> nested -> PlainValues.mapToMap(nested);
            case Object other -> throw wrongType(path, "a record", other);
        };
    }

    private static InvalidChangeEventException wrongType(String path, String expected, Object actual) {
        return new InvalidChangeEventException(
                "'" + path + "' must be " + expected + " but is a " + actual.getClass().getSimpleName());
    }

    /** The columns of a Debezium key record (the row's primary key), as plain Java values. */
    public static Map<String, Object> keyColumns(GenericRecord key) {
        return PlainValues.recordToMap(key);
    }
}
