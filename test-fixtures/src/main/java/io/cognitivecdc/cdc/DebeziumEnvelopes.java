package io.cognitivecdc.cdc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro change events shaped like the ones Debezium 3.5's PostgreSQL and SQL Server connectors write through an Avro
 * converter: a {@code Key} record of the primary key, a {@code Value} record of the row, and an {@code Envelope} with
 * nullable {@code before}/{@code after}, the connector's {@code source} block, {@code op} and {@code ts_ms}.
 *
 * <p>The table is a clinic's {@code visits}: {@code id}, {@code patient_name}, {@code clinical_notes}, {@code visit_date}
 * (Debezium's {@code io.debezium.time.Date}: days since the epoch) and {@code charge} (a {@code NUMERIC(10,2)}, Avro
 * bytes with the decimal logical type).
 */
public final class DebeziumEnvelopes {

    public static final long PG_LSN = 0x1A2B3C4DL;
    public static final long SOURCE_TS_MS = 1_763_700_000_000L;
    public static final long ENVELOPE_TS_MS = SOURCE_TS_MS + 145;

    public static final Schema PG_KEY = key("pg.public.visits.Key");
    public static final Schema PG_VALUE = row("pg.public.visits.Value");
    public static final Schema PG_SOURCE = SchemaBuilder.record("Source").namespace("io.debezium.connector.postgresql")
            .fields()
            .requiredString("version").requiredString("connector").requiredString("name").requiredLong("ts_ms")
            .name("snapshot").type().optional().stringType()
            .requiredString("db").optionalString("sequence").optionalLong("ts_us").optionalLong("ts_ns")
            .requiredString("schema").requiredString("table")
            .optionalLong("txId").optionalLong("lsn").optionalLong("xmin")
            .endRecord();
    public static final Schema PG_ENVELOPE = envelope("pg.public.visits.Envelope", PG_VALUE, PG_SOURCE);

    public static final Schema SQLSERVER_KEY = key("server1.clinic.dbo.visits.Key");
    public static final Schema SQLSERVER_VALUE = row("server1.clinic.dbo.visits.Value");
    public static final Schema SQLSERVER_SOURCE = SchemaBuilder.record("Source").namespace("io.debezium.connector.sqlserver")
            .fields()
            .requiredString("version").requiredString("connector").requiredString("name").requiredLong("ts_ms")
            .name("snapshot").type().optional().stringType()
            .requiredString("db").optionalString("sequence").optionalLong("ts_us").optionalLong("ts_ns")
            .requiredString("schema").requiredString("table")
            .optionalString("change_lsn").optionalString("commit_lsn").optionalLong("event_serial_no")
            .endRecord();
    public static final Schema SQLSERVER_ENVELOPE = envelope("server1.clinic.dbo.visits.Envelope", SQLSERVER_VALUE, SQLSERVER_SOURCE);

    private DebeziumEnvelopes() {
    }

    private static Schema key(String name) {
        return SchemaBuilder.record(name).fields().requiredInt("id").endRecord();
    }

    private static Schema row(String name) {
        Schema date = SchemaBuilder.builder().intType();
        date.addProp("connect.name", "io.debezium.time.Date");
        Schema decimal = LogicalTypes.decimal(10, 2).addToSchema(SchemaBuilder.builder().bytesType());
        return SchemaBuilder.record(name).fields()
                .requiredInt("id")
                .requiredString("patient_name")
                .optionalString("clinical_notes")
                .name("visit_date").type(date).noDefault()
                .name("charge").type().unionOf().nullType().and().type(decimal).endUnion().nullDefault()
                .endRecord();
    }

    private static Schema envelope(String name, Schema value, Schema source) {
        return SchemaBuilder.record(name).fields()
                .name("before").type().unionOf().nullType().and().type(value).endUnion().nullDefault()
                .name("after").type().unionOf().nullType().and().type(value).endUnion().nullDefault()
                .name("source").type(source).noDefault()
                .name("transaction").type().optional().record("block").namespace("event").fields()
                .requiredString("id").requiredLong("total_order").requiredLong("data_collection_order").endRecord()
                .requiredString("op")
                .optionalLong("ts_ms").optionalLong("ts_us").optionalLong("ts_ns")
                .endRecord();
    }

    public static GenericRecord key(Schema schema, int id) {
        return new GenericRecordBuilder(schema).set("id", id).build();
    }

    public static GenericRecord row(Schema schema, int id, String notes) {
        return row(schema, id, "Patient " + id, notes);
    }

    /** A row whose columns besides the notes differ too, for updates that change no step's input. */
    public static GenericRecord row(Schema schema, int id, String patientName, String notes) {
        return new GenericRecordBuilder(schema)
                .set("id", id)
                .set("patient_name", patientName)
                .set("clinical_notes", notes)
                .set("visit_date", 20_413)
                .set("charge", ByteBuffer.wrap(new BigDecimal("125.50").unscaledValue().toByteArray()))
                .build();
    }

    /** A PostgreSQL change event; {@code before} and {@code after} are rows of {@link #PG_VALUE} or {@code null}. */
    public static GenericRecord pgEvent(String op, GenericRecord before, GenericRecord after) {
        return pgEvent(op, before, after, PG_LSN);
    }

    /** The same at log position {@code lsn}, for a stream of changes in log order. */
    public static GenericRecord pgEvent(String op, GenericRecord before, GenericRecord after, long lsn) {
        GenericRecord source = new GenericRecordBuilder(PG_SOURCE)
                .set("version", "3.5.0.Final").set("connector", "postgresql").set("name", "pg")
                .set("ts_ms", SOURCE_TS_MS).set("snapshot", "r".equals(op) ? "true" : "false")
                .set("db", "clinic").set("sequence", "[\"24\",\"" + lsn + "\"]")
                .set("schema", "public").set("table", "visits")
                .set("txId", 780L).set("lsn", lsn)
                .build();
        return event(PG_ENVELOPE, op, before, after, source);
    }

    /** A SQL Server change event; {@code before} and {@code after} are rows of {@link #SQLSERVER_VALUE} or {@code null}. */
    public static GenericRecord sqlServerEvent(String op, GenericRecord before, GenericRecord after,
                                               String commitLsn, String changeLsn, long eventSerialNo) {
        GenericRecord source = new GenericRecordBuilder(SQLSERVER_SOURCE)
                .set("version", "3.5.0.Final").set("connector", "sqlserver").set("name", "server1")
                .set("ts_ms", SOURCE_TS_MS).set("snapshot", "false")
                .set("db", "clinic").set("schema", "dbo").set("table", "visits")
                .set("change_lsn", changeLsn).set("commit_lsn", commitLsn).set("event_serial_no", eventSerialNo)
                .build();
        return event(SQLSERVER_ENVELOPE, op, before, after, source);
    }

    private static GenericRecord event(Schema schema, String op, GenericRecord before, GenericRecord after, GenericRecord source) {
        return new GenericRecordBuilder(schema)
                .set("before", before).set("after", after).set("source", source)
                .set("op", op).set("ts_ms", ENVELOPE_TS_MS).set("ts_us", ENVELOPE_TS_MS * 1000)
                .build();
    }

    /**
     * Writes and reads the record back as Avro binary, so values have the types a deserializer really yields
     * ({@code Utf8} strings, {@code ByteBuffer} bytes) rather than the ones the test put in.
     */
    public static GenericRecord roundTrip(GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return new GenericDatumReader<GenericRecord>(record.getSchema())
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
