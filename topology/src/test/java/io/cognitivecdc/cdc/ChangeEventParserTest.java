package io.cognitivecdc.cdc;

import static io.cognitivecdc.cdc.DebeziumEnvelopes.ENVELOPE_TS_MS;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_LSN;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_VALUE;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.SOURCE_TS_MS;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.SQLSERVER_VALUE;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.pgEvent;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.roundTrip;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.row;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.sqlServerEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChangeEventParserTest {

    @Nested
    class AvroEnvelopes {

        @Test
        void shouldParsePostgresInsert() {
            GenericRecord envelope = roundTrip(pgEvent("c", null, row(PG_VALUE, 7, "Seen in the ER after a fall.")));

            ChangeEvent event = ChangeEventParser.parse(envelope).orElseThrow();

            assertThat(event.op()).isEqualTo(Op.CREATE);
            assertThat(event.before()).isNull();
            assertThat(event.after())
                    .containsEntry("id", 7)
                    .containsEntry("patient_name", "Patient 7")
                    .containsEntry("clinical_notes", "Seen in the ER after a fall.")
                    .containsEntry("visit_date", 20_413);
            assertThat(event.after().keySet())
                    .containsExactly("id", "patient_name", "clinical_notes", "visit_date", "charge");
            assertThat(event.tsMs()).isEqualTo(ENVELOPE_TS_MS);
            assertThat(event.source()).isEqualTo(new SourceInfo(
                    "postgresql", "clinic", "public", "visits", "000000001a2b3c4d", SOURCE_TS_MS));
            assertThat(event.source().qualifiedTable()).isEqualTo("public.visits");
        }

        @Test
        void shouldTurnAvroBytesIntoByteArrays() {
            GenericRecord envelope = roundTrip(pgEvent("r", null, row(PG_VALUE, 7, "notes")));

            Object charge = ChangeEventParser.parse(envelope).orElseThrow().after().get("charge");

            assertThat(charge).isInstanceOf(byte[].class);
            assertThat(new BigDecimal(new BigInteger((byte[]) charge), 2)).isEqualByComparingTo("125.50");
        }

        @Test
        void shouldParsePostgresDeleteWithKeyOnlyBeforeImage() {
            // Under the default REPLICA IDENTITY the before-image carries only the key; other columns are null.
            GenericRecord before = row(PG_VALUE, 7, null);
            before.put("patient_name", "");
            before.put("visit_date", 0);
            before.put("charge", null);

            ChangeEvent event = ChangeEventParser.parse(roundTrip(pgEvent("d", before, null))).orElseThrow();

            assertThat(event.op()).isEqualTo(Op.DELETE);
            assertThat(event.before()).containsEntry("id", 7);
            assertThat(event.after()).isNull();
        }

        @Test
        void shouldParseSqlServerEnvelope() {
            GenericRecord envelope = roundTrip(sqlServerEvent("u",
                    row(SQLSERVER_VALUE, 42, "Routine check."), row(SQLSERVER_VALUE, 42, "Routine follow-up."),
                    "0000002b:00000ae8:0003", "0000002b:00000ae8:0002", 2));

            ChangeEvent event = ChangeEventParser.parse(envelope).orElseThrow();

            assertThat(event.op()).isEqualTo(Op.UPDATE);
            assertThat(event.before()).containsEntry("clinical_notes", "Routine check.");
            assertThat(event.after()).containsEntry("clinical_notes", "Routine follow-up.");
            assertThat(event.source().connector()).isEqualTo("sqlserver");
            assertThat(event.source().qualifiedTable()).isEqualTo("dbo.visits");
            assertThat(event.source().position())
                    .isEqualTo("0000002b:00000ae8:0003/0000002b:00000ae8:0002/0000000000000000002");
        }

        @Test
        void shouldOrderSqlServerPositionsAsTheLogDoes() {
            String earlier = position(sqlServerEvent("u", null, row(SQLSERVER_VALUE, 1, "a"),
                    "0000002b:00000ae8:0003", "0000002b:00000ae8:0002", 1));
            String sameChangeLater = position(sqlServerEvent("u", null, row(SQLSERVER_VALUE, 1, "a"),
                    "0000002b:00000ae8:0003", "0000002b:00000ae8:0002", 10));
            String laterCommit = position(sqlServerEvent("u", null, row(SQLSERVER_VALUE, 1, "a"),
                    "0000002c:00000010:0001", "0000002c:00000010:0001", 1));

            assertThat(earlier).isLessThan(sameChangeLater);
            assertThat(sameChangeLater).isLessThan(laterCommit);
        }

        @Test
        void shouldOrderPostgresPositionsAsTheLogDoes() {
            assertThat(pgPosition(0xFFL)).isLessThan(pgPosition(0x100L));
            assertThat(pgPosition(0x9_0000_0000L)).isLessThan(pgPosition(0xA_0000_0000L));
        }

        private String pgPosition(long lsn) {
            GenericRecord envelope = pgEvent("c", null, row(PG_VALUE, 1, "a"));
            ((GenericRecord) envelope.get("source")).put("lsn", lsn);
            return position(envelope);
        }

        private String position(GenericRecord envelope) {
            return ChangeEventParser.parse(envelope).orElseThrow().source().position();
        }

        @Test
        void shouldReturnEmptyForDebeziumTombstone() {
            assertThat(ChangeEventParser.parse((GenericRecord) null)).isEmpty();
        }

        @Test
        void shouldRejectRowThatIsNotAnEnvelope() {
            // What ExtractNewRecordState would have left: the bare row.
            GenericRecord unwrapped = row(PG_VALUE, 7, "notes");

            assertThatThrownBy(() -> ChangeEventParser.parse(unwrapped))
                    .isInstanceOf(InvalidChangeEventException.class)
                    .hasMessageContaining("no 'op' field")
                    .hasMessageContaining("clinical_notes");
        }

        @Test
        void shouldRejectUnknownOp() {
            assertThatThrownBy(() -> ChangeEventParser.parse(pgEvent("m", null, null)))
                    .isInstanceOf(InvalidChangeEventException.class)
                    .hasMessageContaining("unknown op 'm'");
        }

        @Test
        void shouldRejectUpdateWithoutAfterImage() {
            assertThatThrownBy(() -> ChangeEventParser.parse(pgEvent("u", row(PG_VALUE, 7, "x"), null)))
                    .isInstanceOf(InvalidChangeEventException.class)
                    .hasMessageContaining("op 'u' needs an 'after' row image");
        }

        @Test
        void shouldRejectFieldOfWrongType() {
            GenericRecord envelope = new GenericRecordBuilder(SchemaBuilder.record("Envelope").fields()
                    .requiredString("op").requiredString("after").endRecord())
                    .set("op", "c").set("after", "not a row").build();

            assertThatThrownBy(() -> ChangeEventParser.parse(envelope))
                    .isInstanceOf(InvalidChangeEventException.class)
                    .hasMessage("'after' must be a record but is a String");
        }
    }

    @Nested
    class JsonEnvelopes {

        private static final ObjectMapper JSON = new ObjectMapper();

        private static final String PG_UPDATE_PAYLOAD = """
                {"before": null,
                 "after": {"id": 7, "patient_name": "Patient 7", "clinical_notes": "Admitted overnight.", "visit_date": 20413, "charge": "MQo="},
                 "source": {"version": "3.5.0.Final", "connector": "postgresql", "name": "pg", "ts_ms": 1763700000000,
                            "snapshot": "false", "db": "clinic", "sequence": "[\\"24\\",\\"439041101\\"]",
                            "schema": "public", "table": "visits", "txId": 780, "lsn": 439041101, "xmin": null},
                 "transaction": null, "op": "u", "ts_ms": 1763700000145}
                """;

        @Test
        void shouldParsePlainJsonEnvelope() throws Exception {
            ChangeEvent event = ChangeEventParser.parse(json(PG_UPDATE_PAYLOAD)).orElseThrow();

            assertThat(event.op()).isEqualTo(Op.UPDATE);
            assertThat(event.after()).containsEntry("clinical_notes", "Admitted overnight.").containsEntry("id", 7);
            // JSON numbers arrive as Integer when they fit; positions and times must not care.
            assertThat(event.source().position()).isEqualTo("000000001a2b3c4d");
            assertThat(event.source().tsMs()).isEqualTo(SOURCE_TS_MS);
            assertThat(event.tsMs()).isEqualTo(ENVELOPE_TS_MS);
        }

        @Test
        void shouldParseSchemaAndPayloadForm() throws Exception {
            String wrapped = "{\"schema\": {\"type\": \"struct\", \"name\": \"pg.public.visits.Envelope\", \"optional\": false},"
                    + " \"payload\": " + PG_UPDATE_PAYLOAD + "}";

            ChangeEvent event = ChangeEventParser.parse(json(wrapped)).orElseThrow();

            assertThat(event.op()).isEqualTo(Op.UPDATE);
            assertThat(event.source().qualifiedTable()).isEqualTo("public.visits");
        }

        @Test
        void shouldTreatNullPayloadAsTombstone() throws Exception {
            String tombstone = "{\"schema\": null, \"payload\": null}";

            assertThat(ChangeEventParser.parse(json(tombstone))).isEmpty();
        }

        @Test
        void shouldReturnEmptyForNullValue() {
            assertThat(ChangeEventParser.parse((Map<String, Object>) null)).isEmpty();
        }

        @Test
        void shouldParseSqlServerDelete() throws Exception {
            String delete = """
                    {"before": {"id": 42, "patient_name": "Patient 42", "clinical_notes": "Trauma bay.", "visit_date": 20413, "charge": null},
                     "after": null,
                     "source": {"version": "3.5.0.Final", "connector": "sqlserver", "name": "server1", "ts_ms": 1763700000000,
                                "snapshot": "false", "db": "clinic", "schema": "dbo", "table": "visits",
                                "change_lsn": "0000002b:00000ae8:0002", "commit_lsn": "0000002b:00000ae8:0003", "event_serial_no": 1},
                     "op": "d", "ts_ms": 1763700000145}
                    """;

            ChangeEvent event = ChangeEventParser.parse(json(delete)).orElseThrow();

            assertThat(event.op()).isEqualTo(Op.DELETE);
            assertThat(event.before()).containsEntry("id", 42);
            assertThat(event.source().position())
                    .isEqualTo("0000002b:00000ae8:0003/0000002b:00000ae8:0002/0000000000000000001");
        }

        @Test
        void shouldFallBackToSourceTimeWhenEnvelopeHasNone() throws Exception {
            Map<String, Object> envelope = new HashMap<>(json(PG_UPDATE_PAYLOAD));
            envelope.remove("ts_ms");

            assertThat(ChangeEventParser.parse(envelope).orElseThrow().tsMs()).isEqualTo(SOURCE_TS_MS);
        }

        @Test
        void shouldRejectEnvelopeWithoutSource() throws Exception {
            Map<String, Object> envelope = new HashMap<>(json(PG_UPDATE_PAYLOAD));
            envelope.remove("source");

            assertThatThrownBy(() -> ChangeEventParser.parse(envelope))
                    .isInstanceOf(InvalidChangeEventException.class)
                    .hasMessage("change event has no 'source' block");
        }

        @Test
        void shouldRejectSourceWithoutTable() throws Exception {
            Map<String, Object> envelope = new HashMap<>(json(PG_UPDATE_PAYLOAD));
            Map<String, Object> source = new HashMap<>((Map<String, Object>) envelope.get("source"));
            source.remove("table");
            envelope.put("source", source);

            assertThatThrownBy(() -> ChangeEventParser.parse(envelope))
                    .isInstanceOf(InvalidChangeEventException.class)
                    .hasMessage("change event has no 'source.table'");
        }

        @Test
        void shouldRejectPayloadThatIsNotAnObject() throws Exception {
            assertThatThrownBy(() -> ChangeEventParser.parse(json("{\"schema\": null, \"payload\": \"c\"}")))
                    .isInstanceOf(InvalidChangeEventException.class)
                    .hasMessage("'payload' must be a record but is a String");
        }

        private static Map<String, Object> json(String text) throws Exception {
            return JSON.readValue(text, new TypeReference<>() {
            });
        }
    }
}
