package io.cognitivecdc.benchmarks;

import io.cognitivecdc.cdc.DebeziumEnvelopes;
import org.apache.avro.generic.GenericRecord;

import java.util.List;

/**
 * The change events the benchmarks feed the topology: Debezium PostgreSQL envelopes of the test fixtures' clinic
 * {@code visits} table ({@link DebeziumEnvelopes}), keyed by {@code id}, with notes written like the held-out visit
 * notes ({@link VisitNotes}). A pipeline reads the notes as {@code raw.clinical_notes}.
 */
public final class ChangeRows {

    /** Note texts that rows take in turn: enough of them that a row's text is as long and varied as real notes. */
    private static final List<String> NOTES = VisitNotes.generate(2_000, VisitNotes.HELD_OUT_SEED).stream()
            .map(VisitNotes.Note::text).toList();

    private ChangeRows() {
    }

    /** The key of row {@code id}. */
    public static GenericRecord key(int id) {
        return DebeziumEnvelopes.key(DebeziumEnvelopes.PG_KEY, id);
    }

    /** The key of the row an event of this class changed. */
    public static GenericRecord keyOf(GenericRecord event) {
        return key((Integer) ((GenericRecord) event.get("after")).get("id"));
    }

    /**
     * An insert of row {@code id} whose notes no other row has (numbered), so that the step cache never answers and
     * every row costs its steps' model calls.
     */
    public static GenericRecord uniqueInsert(int id) {
        String notes = "Visit " + id + ". " + NOTES.get(id % NOTES.size());
        return DebeziumEnvelopes.pgEvent("c", null, DebeziumEnvelopes.row(DebeziumEnvelopes.PG_VALUE, id, notes), id);
    }

    /** A change ({@code c} or {@code u}) of row {@code id} at log position {@code lsn}, with the columns given. */
    public static GenericRecord change(String op, int id, String patientName, String notes, long lsn) {
        return DebeziumEnvelopes.pgEvent(op, null,
                DebeziumEnvelopes.row(DebeziumEnvelopes.PG_VALUE, id, patientName, notes), lsn);
    }

    /** The first {@code count} note texts, for workloads whose texts repeat across rows. */
    public static List<String> notes(int count) {
        return NOTES.subList(0, count);
    }
}
