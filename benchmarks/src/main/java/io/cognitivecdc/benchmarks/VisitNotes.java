package io.cognitivecdc.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates clinic visit notes labelled with their visit type ({@code emergency}, {@code inpatient},
 * {@code outpatient}, {@code telehealth}, {@code urgent_care}): the labelled examples the local classifier learns from,
 * and a held-out set to measure it on. Same seed, same notes.
 *
 * <p>In the style of the demo's sample encounters (complaint, findings, plan), but most notes do not name their care
 * setting: only about a quarter open with it ("presented to the emergency department"); the rest carry indirect cues
 * ("Triage level 2.", "Continue IV antibiotics, reassess tomorrow.", "Audio dropped twice", "No PCP on file."), some
 * only a weak one, and some mention another setting in passing ("Seen in the ED last week…", "go to the nearest ED if
 * worse"). Definitions alone therefore classify them poorly; labelled examples carry the cues. Cue phrases vary in
 * their details ("Triage level 1/2/3.", "Wait time 35 minutes."), and a few phrasings are held back from the
 * examples and occur only in held-out notes, so the held-out accuracy includes cues worded in an unseen way.
 *
 * <p>{@code main} writes the examples file that llm-local ships and the held-out file its tests read:
 * <pre>
 *   java -cp … io.cognitivecdc.benchmarks.VisitNotes llm-local   # from the repository root
 * </pre>
 */
public final class VisitNotes {

    /** Seed of the shipped labelled examples. */
    public static final long EXAMPLES_SEED = 20_261_121L;
    /** Seed of the held-out evaluation notes (never in the examples file). */
    public static final long HELD_OUT_SEED = 7_700_417L;
    /** Rows of the shipped examples file. */
    public static final int EXAMPLES_ROWS = 2_000;
    /** Rows of the held-out file. */
    public static final int HELD_OUT_ROWS = 1_000;
    /** Where the shipped examples live, relative to the llm-local module. */
    public static final String EXAMPLES_FILE = "src/main/resources/io/cognitivecdc/llm/local/visit-type-examples.csv";
    /** Where the held-out notes live, relative to the llm-local module (test resources only). */
    public static final String HELD_OUT_FILE = "src/test/resources/io/cognitivecdc/llm/local/visit-type-held-out.csv";

    /** A labelled note. */
    public record Note(String text, String category) {
    }

    /** Visit types and their definitions, as a pipeline's classifier taxonomy would give them. */
    public static final Map<String, String> DEFINITIONS;

    static {
        Map<String, String> definitions = new LinkedHashMap<>();
        definitions.put("emergency", "Visit to a hospital emergency department for an acute, potentially serious "
                + "problem: triage, stabilisation, then discharge home or admission.");
        definitions.put("inpatient", "Care of a patient admitted to hospital who stays overnight or longer: ward "
                + "rounds, intravenous treatment, discharge planning.");
        definitions.put("outpatient", "Scheduled clinic appointment or routine follow-up of a known condition: "
                + "medication review, planned tests, next appointment.");
        definitions.put("telehealth", "Remote consultation by video or phone with the patient at home; examination "
                + "limited to what the patient can show or report.");
        definitions.put("urgent_care", "Same-day walk-in visit without an appointment for a minor acute illness or "
                + "injury that is not an emergency.");
        DEFINITIONS = java.util.Collections.unmodifiableMap(definitions);
    }

    private static final String[] COMPLAINTS = {
            "chest pain radiating to the left arm", "shortness of breath on exertion", "a productive cough for ten days",
            "right knee pain after a fall", "intermittent headaches with visual aura", "poorly controlled blood sugars",
            "epigastric pain after meals", "fever and sore throat", "palpitations at rest", "lower back pain",
            "dizziness when standing", "a rash on both forearms", "swelling of the left ankle", "fatigue and weight loss",
            "burning on urination", "a laceration to the left hand", "worsening asthma", "abdominal pain and vomiting",
            "high blood pressure readings", "ear pain and reduced hearing", "a twisted ankle playing football",
            "confusion noted by family", "community-acquired pneumonia", "cellulitis of the right leg",
            "atrial fibrillation with fast ventricular rate", "a COPD exacerbation", "low mood and poor sleep",
            "hypothyroidism on levothyroxine", "heartburn not helped by antacids", "a sprained wrist"};
    private static final String[] FINDINGS = {
            "Vitals stable, BP 128/82, HR 76.", "BP 152/94, HR 104, afebrile.", "SpO2 93% on room air, scattered wheeze.",
            "Tenderness over the medial joint line, no effusion.", "Neuro exam non-focal.", "HbA1c 8.9%, up from 7.6%.",
            "Mild epigastric tenderness, no guarding.", "Temp 38.4 C, tonsillar exudate.", "ECG shows sinus rhythm.",
            "Troponin negative x2.", "Chest X-ray clear.", "Ankle X-ray negative for fracture.", "CRP 86, WBC 14.2.",
            "Lungs clear, heart sounds normal.", "Wound 3 cm, clean edges.", "Urine dip positive for nitrites.",
            "Erythema spreading beyond the marked border.", "Peak flow 60% of predicted.", "TSH 4.1, within range.",
            "Weight down 3 kg since last review.", "Creatinine 142, up from 98.", "Afebrile, mildly dehydrated."};
    private static final String[] NEUTRAL_OPENERS = {
            "Patient with ", "58-year-old with ", "Complains of ", "71F with ", "34M reporting ", "Reports ",
            "History of "};
    private static final String[] GENERIC_PLANS = {
            "Return if worse.", "Follow up as needed.", "Safety-netting advice given.", "Plan discussed with patient.",
            "Analgesia as required."};
    private static final String[] ASIDES = {
            "Seen in the ED last week for the same complaint.", "Hospitalized in March for pneumonia.",
            "Had a video visit two weeks ago.", "Last clinic visit was in June.",
            "Went to urgent care on Sunday and was given antibiotics.", "Lives alone, independent with ADLs.",
            "Non-smoker.", "Allergic to penicillin."};

    /** Phrase pools of one visit type. */
    private record Setting(String name, String[] explicitOpeners, String[] implicitOpeners, String[] cues,
                           String[] plans, double weight) {
    }

    /*
     * Phrases may hold {a|b|c} (one of the alternatives) and {n:2-9} (a number in the range). A phrase starting with
     * '~' is a held-back phrasing: it occurs only in held-out notes, never in the examples, so the benchmark also
     * measures how well the classifier recognises a cue worded in a way it has not seen.
     */
    private static final Setting[] SETTINGS = {
            new Setting("emergency",
                    new String[]{"Patient presented to the emergency department with ", "Brought to the ED by ambulance with ",
                            "ER visit for ", "~Seen in A&E with "},
                    new String[]{"Arrived by EMS with ", "Presents at 0{n:1-5}:{n:10-59} with ",
                            "Brought in by {family|a neighbour|police} with sudden ", "Triaged on arrival for ",
                            "Ambulance transfer from {home|a nursing home} with ", "~Paramedics brought the patient in with "},
                    new String[]{"Triage level {n:1-3}.", "ESI {n:2-4} on arrival.", "Placed in resus bay {n:1-8}.",
                            "Trauma team paged.", "Seen by the on-call resident overnight.",
                            "IV access obtained, bloods sent stat.", "Monitored in {majors|the acute bay}.",
                            "Stat CT {head|chest} negative.", "Waiting for a bed upstairs.",
                            "~Moved to the resuscitation room on arrival.", "~Triage category {n:1-3} assigned at the front door."},
                    new String[]{"Discharged with return precautions.", "Admitted for observation.",
                            "Handed over to the admitting team.", "Disposition: home once pain controlled.",
                            "Boarding pending bed assignment.", "~Referred to the medical team for admission from the department."},
                    0.20),
            new Setting("inpatient",
                    new String[]{"Inpatient day {n:2-9}, admitted with ", "Hospital day {n:2-12} for ",
                            "Admitted to the ward with ", "~Remains admitted, day {n:2-9}, with "},
                    new String[]{"Day {n:2-9} of stay for ", "Post-op day {n:1-4} following surgery for ",
                            "Progress note, ongoing management of ", "Overnight events: none. Continuing treatment of ",
                            "~Ward review, still being treated for "},
                    new String[]{"Seen on {morning|evening} rounds.", "Telemetry overnight without events.",
                            "Nursing reports {poor|improving} oral intake.", "PT and OT following.",
                            "Foley removed this morning.", "DVT prophylaxis continued.",
                            "Afebrile for {n:24-48} hours on current regimen.", "Discussed at the multidisciplinary huddle.",
                            "~Slept well on the ward overnight.", "~Drain output {n:20-90} ml in the last shift."},
                    new String[]{"Continue IV antibiotics, reassess tomorrow.", "Plan discharge in {n:24-72} hours.",
                            "Step down to oral antibiotics if afebrile.", "Repeat bloods in the morning.",
                            "Case management involved for discharge planning.",
                            "~Keep in another night, review on tomorrow's round."},
                    0.20),
            new Setting("outpatient",
                    new String[]{"Routine follow-up visit for ", "Clinic appointment for ",
                            "Scheduled outpatient review of ", "~Planned clinic review of "},
                    new String[]{"Here for {n:3-6}-month review of ", "Annual check-up, history of ",
                            "Booked visit to discuss ", "Returns as planned regarding ", "Referred by GP for assessment of ",
                            "~Attends the booked appointment about "},
                    new String[]{"Seen in clinic.", "Brought home BP log.", "No acute distress, here as scheduled.",
                            "Medication list reconciled.", "Results from last month's labs reviewed.",
                            "Discussed lifestyle changes at length.", "~Arrived on time for the scheduled slot.",
                            "~Blood results from the last appointment went through together."},
                    new String[]{"Adjust medication and follow up in {n:2-6} months.", "Labs ordered before next visit.",
                            "Next appointment in {n:3-12} months.", "Refills sent to pharmacy, review at next visit.",
                            "Continue current plan, see again in {n:6-16} weeks.", "~Rebook in clinic after the tests."},
                    0.28),
            new Setting("telehealth",
                    new String[]{"Telehealth video consult regarding ", "Virtual visit for ", "Video appointment about ",
                            "~Teleconsultation about "},
                    new String[]{"Connected from home to discuss ", "Called in over video to discuss ",
                            "Remote consult regarding ", "Joined from {work|the car|home} via the app about ",
                            "~Spoke with the patient on a video link about "},
                    new String[]{"Patient at home, good connection.", "Exam limited to what was visible on camera.",
                            "Audio dropped {twice|once|briefly}, reconnected.", "Vitals self-reported from home cuff.",
                            "Patient showed the {rash|swelling|wound} to the camera.", "Spouse present on the call.",
                            "Weight from home scale.", "~Screen froze for a minute, call resumed.",
                            "~Could not examine, relied on the patient's description."},
                    new String[]{"E-prescription sent, follow up by video in {n:1-4} weeks.",
                            "Advised in-person visit if symptoms worsen.",
                            "Prescription sent electronically to the local pharmacy.", "Will call back with results.",
                            "Instructed to go to the nearest ED if worse.", "~Next check-in on the app in {n:2-4} weeks."},
                    0.16),
            new Setting("urgent_care",
                    new String[]{"Walk-in to urgent care with ", "Urgent care visit for ",
                            "Presented to the walk-in clinic with ", "~Came to the minor illness clinic with "},
                    new String[]{"Walked in without an appointment with ", "Same-day visit for ",
                            "Came in after {work|school} with ", "Drop-in visit for ",
                            "~Turned up unscheduled this afternoon with "},
                    new String[]{"Seen same day.", "No PCP on file.", "Rapid strep done on site.",
                            "Point-of-care urine dip performed.", "X-ray done on site.", "Wait time {n:15-90} minutes.",
                            "Work note provided.", "~No regular doctor.", "~Seen within the hour of walking in."},
                    new String[]{"Symptomatic treatment, return if not improving in {n:3-7} days.",
                            "Referred to primary care for follow-up.",
                            "Splint applied, follow up with orthopedics this week.",
                            "Short course of antibiotics prescribed.",
                            "Go to the emergency department if chest pain recurs.",
                            "~Advised to see their own doctor next week."},
                    0.16)};

    private VisitNotes() {
    }

    /** {@code count} labelled notes in the examples' phrasings, reproducible for a given seed (duplicates possible). */
    public static List<Note> generate(int count, long seed) {
        return generate(count, seed, false);
    }

    /**
     * {@code count} labelled notes, reproducible for a given seed.
     *
     * @param heldBackPhrasings also use the phrasings that never occur in the examples
     */
    public static List<Note> generate(int count, long seed, boolean heldBackPhrasings) {
        Random random = new Random(seed);
        List<Note> notes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            notes.add(note(random, heldBackPhrasings));
        }
        return notes;
    }

    /** The shipped labelled examples ({@value #EXAMPLES_ROWS} notes). */
    public static List<Note> examples() {
        return generate(EXAMPLES_ROWS, EXAMPLES_SEED, false);
    }

    /**
     * {@code count} held-out notes: from {@link #HELD_OUT_SEED}, with held-back phrasings too, none of them word for
     * word in {@link #examples()}.
     */
    public static List<Note> heldOut(int count) {
        Set<String> seen = new HashSet<>();
        examples().forEach(note -> seen.add(note.text()));
        Random random = new Random(HELD_OUT_SEED);
        List<Note> notes = new ArrayList<>(count);
        while (notes.size() < count) {
            Note note = note(random, true);
            if (seen.add(note.text())) {
                notes.add(note);
            }
        }
        return notes;
    }

    private static Note note(Random random, boolean heldBack) {
        Setting setting = pickSetting(random);
        StringBuilder note = new StringBuilder();
        double style = random.nextDouble();
        String complaint = pick(random, COMPLAINTS);
        if (style < 0.25) {
            note.append(phrase(random, setting.explicitOpeners(), heldBack));
        } else if (style < 0.70) {
            note.append(phrase(random, setting.implicitOpeners(), heldBack));
        } else {
            note.append(pick(random, NEUTRAL_OPENERS));
        }
        note.append(complaint).append(". ");
        // Cues: usually one or two; a weak note (about 1 in 8) has none beyond its plan.
        double cueRoll = random.nextDouble();
        int cues = cueRoll < 0.12 ? 0 : cueRoll < 0.70 ? 1 : 2;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < cues; i++) {
            String cue = phrase(random, setting.cues(), heldBack);
            if (!parts.contains(cue)) {
                parts.add(cue);
            }
        }
        int findings = 1 + random.nextInt(3);
        for (int i = 0; i < findings; i++) {
            String finding = pick(random, FINDINGS);
            if (!parts.contains(finding)) {
                parts.add(random.nextInt(parts.size() + 1), finding);
            }
        }
        if (random.nextDouble() < 0.15) {
            parts.add(random.nextInt(parts.size() + 1), pick(random, ASIDES));
        }
        for (String part : parts) {
            note.append(part).append(' ');
        }
        note.append(random.nextDouble() < 0.2 ? pick(random, GENERIC_PLANS) : phrase(random, setting.plans(), heldBack));
        return new Note(note.toString(), setting.name());
    }

    /** A phrase from a pool, its alternatives and numbers filled in; held-back phrasings only when allowed. */
    private static String phrase(Random random, String[] pool, boolean heldBack) {
        String chosen;
        do {
            chosen = pick(random, pool);
        } while (chosen.startsWith("~") && !heldBack);
        if (chosen.startsWith("~")) {
            chosen = chosen.substring(1);
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int open = chosen.indexOf('{', at);
            if (open < 0) {
                return out.append(chosen, at, chosen.length()).toString();
            }
            int close = chosen.indexOf('}', open);
            out.append(chosen, at, open);
            String slot = chosen.substring(open + 1, close);
            if (slot.startsWith("n:")) {
                String[] range = slot.substring(2).split("-");
                int low = Integer.parseInt(range[0]);
                int high = Integer.parseInt(range[1]);
                out.append(low + random.nextInt(high - low + 1));
            } else {
                out.append(pick(random, slot.split("\\|")));
            }
            at = close + 1;
        }
    }

    private static Setting pickSetting(Random random) {
        double roll = random.nextDouble();
        double sum = 0;
        for (Setting setting : SETTINGS) {
            sum += setting.weight();
            if (roll < sum) {
                return setting;
            }
        }
        return SETTINGS[SETTINGS.length - 1];
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Writes notes as CSV with header {@code text,category} (every text quoted). */
    public static void writeCsv(List<Note> notes, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("text,category\n");
            for (Note note : notes) {
                out.write('"' + note.text().replace("\"", "\"\"") + "\"," + note.category() + "\n");
            }
        }
    }

    /**
     * Writes the examples file and the held-out file into an llm-local module directory.
     *
     * @param args the llm-local module directory (default {@code llm-local})
     */
    public static void main(String[] args) throws IOException {
        Path module = Path.of(args.length > 0 ? args[0] : "llm-local");
        Path examples = module.resolve(EXAMPLES_FILE);
        Path heldOut = module.resolve(HELD_OUT_FILE);
        writeCsv(examples(), examples);
        writeCsv(heldOut(HELD_OUT_ROWS), heldOut);
        System.out.println("wrote " + EXAMPLES_ROWS + " examples to " + examples + " and " + HELD_OUT_ROWS
                + " held-out notes to " + heldOut);
    }
}
