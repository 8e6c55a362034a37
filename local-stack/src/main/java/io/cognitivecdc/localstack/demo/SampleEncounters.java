package io.cognitivecdc.localstack.demo;

import io.cognitivecdc.localstack.postgres.SourceTable;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates clinic encounters with free-text clinical notes, the demo's sample data.
 *
 * <p>Notes are assembled from phrase pools per care setting (emergency, inpatient, outpatient follow-up,
 * telehealth, urgent care), with varied complaints, findings and plans, so that classification and summarisation
 * have something real to work on. The same seed always gives the same rows.
 */
public final class SampleEncounters {

    private static final String[] DEPARTMENTS = {"Cardiology", "Pulmonology", "Orthopedics", "General Medicine",
            "Pediatrics", "Neurology", "Endocrinology", "Gastroenterology"};
    private static final String[] COMPLAINTS = {
            "chest pain radiating to the left arm", "shortness of breath on exertion", "a productive cough for ten days",
            "right knee pain after a fall", "intermittent headaches with visual aura", "poorly controlled blood sugars",
            "epigastric pain after meals", "fever and sore throat", "palpitations at rest", "lower back pain",
            "dizziness when standing", "a rash on both forearms", "swelling of the left ankle", "fatigue and weight loss"};
    private static final String[] FINDINGS = {
            "Vitals stable, BP 128/82, HR 76.", "BP 152/94, HR 104, afebrile.", "SpO2 93% on room air, scattered wheeze.",
            "Tenderness over the medial joint line, no effusion.", "Neuro exam non-focal.", "HbA1c 8.9%, up from 7.6%.",
            "Mild epigastric tenderness, no guarding.", "Temp 38.4 C, tonsillar exudate.", "ECG shows sinus rhythm.",
            "Troponin negative x2.", "Chest X-ray clear.", "Ankle X-ray negative for fracture."};
    private static final String[][] SETTINGS = {
            {"Patient presented to the emergency department with ",
             "Triage level 2. ", "Discharged from ED with return precautions.", "Admitted for observation."},
            {"Inpatient day 2, admitted with ",
             "Seen on morning rounds. ", "Continue IV antibiotics, reassess tomorrow.", "Plan discharge in 48 hours."},
            {"Routine follow-up visit for ",
             "Seen in clinic. ", "Adjust medication and follow up in 3 months.", "Labs ordered before next visit."},
            {"Telehealth video consult regarding ",
             "Patient at home, good connection. ", "E-prescription sent, follow up by video in 2 weeks.",
             "Advised in-person visit if symptoms worsen."},
            {"Walk-in to urgent care with ",
             "Seen same day. ", "Symptomatic treatment, return if not improving in 5 days.",
             "Referred to primary care for follow-up."}};

    private SampleEncounters() {
    }

    /** {@code count} encounters in table {@code encounters}, reproducible for a given {@code seed}. */
    public static SourceTable generate(int count, long seed) {
        return generate("encounters", count, seed);
    }

    /** The same in a table of another name, for running several pipelines on one stack. */
    public static SourceTable generate(String table, int count, long seed) {
        Random random = new Random(seed);
        List<List<Object>> rows = new ArrayList<>(count);
        LocalDate start = LocalDate.of(2026, 1, 5);
        for (int id = 1; id <= count; id++) {
            rows.add(List.of(id,
                    String.format("P-%06d", 1000 + random.nextInt(90000)),
                    pick(random, DEPARTMENTS),
                    start.plusDays(random.nextInt(300)),
                    note(random)));
        }
        return new SourceTable(table, List.of(
                new SourceTable.Column("encounter_id", "integer"),
                new SourceTable.Column("patient_ref", "text"),
                new SourceTable.Column("department", "text"),
                new SourceTable.Column("visit_date", "date"),
                new SourceTable.Column("clinical_notes", "text")),
                "clinical_notes", rows);
    }

    private static String note(Random random) {
        String[] setting = SETTINGS[random.nextInt(SETTINGS.length)];
        StringBuilder note = new StringBuilder(setting[0]).append(pick(random, COMPLAINTS)).append(". ");
        note.append(setting[1]);
        int findings = 1 + random.nextInt(3);
        for (int i = 0; i < findings; i++) {
            note.append(pick(random, FINDINGS)).append(' ');
        }
        note.append(setting[2 + random.nextInt(2)]);
        return note.toString();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
