package io.cognitivecdc.benchmarks;

import io.cognitivecdc.llm.local.LabelledExamples;
import io.cognitivecdc.llm.local.LocalChatModelFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VisitNotesTest {

    @Test
    void theSameSeedGivesTheSameNotes() {
        assertThat(VisitNotes.generate(50, 3)).isEqualTo(VisitNotes.generate(50, 3));
        assertThat(VisitNotes.generate(50, 3)).isNotEqualTo(VisitNotes.generate(50, 4));
    }

    @Test
    void heldOutNotesNeverAppearWordForWordInTheExamples() {
        Set<String> examples = VisitNotes.examples().stream().map(VisitNotes.Note::text).collect(Collectors.toSet());

        List<VisitNotes.Note> heldOut = VisitNotes.heldOut(VisitNotes.HELD_OUT_ROWS);

        assertThat(heldOut).hasSize(VisitNotes.HELD_OUT_ROWS);
        assertThat(heldOut).noneMatch(note -> examples.contains(note.text()));
        assertThat(new HashSet<>(heldOut)).hasSize(heldOut.size());
    }

    @Test
    void everyVisitTypeIsWellRepresented() {
        Map<String, Long> counts = VisitNotes.examples().stream()
                .collect(Collectors.groupingBy(VisitNotes.Note::category, Collectors.counting()));

        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(VisitNotes.DEFINITIONS.keySet());
        assertThat(counts.values()).allMatch(count -> count >= 250);
    }

    @Test
    void mostNotesDoNotNameTheirCareSetting() {
        Map<String, String> names = Map.of("emergency", "emergency", "inpatient", "inpatient",
                "outpatient", "outpatient", "telehealth", "telehealth|video", "urgent_care", "urgent care|walk-in");

        long naming = VisitNotes.examples().stream()
                .filter(note -> note.text().toLowerCase(Locale.ROOT).matches(".*(" + names.get(note.category()) + ").*"))
                .count();

        assertThat(naming).isLessThan(VisitNotes.EXAMPLES_ROWS * 35 / 100);
    }

    @Test
    void theShippedExamplesFileIsExactlyTheGeneratorsOutput() {
        LabelledExamples shipped = LabelledExamples.load(LocalChatModelFactory.BUNDLED_VISIT_TYPE_EXAMPLES);

        assertThat(shipped.examples().stream().map(e -> new VisitNotes.Note(e.text(), e.category())).toList())
                .as("regenerate with: java -cp … io.cognitivecdc.benchmarks.VisitNotes llm-local")
                .isEqualTo(VisitNotes.examples());
    }

    @Test
    void theHeldOutFileOfTheLlmLocalTestsIsExactlyTheGeneratorsOutput() {
        Path file = Path.of("..", "llm-local").resolve(VisitNotes.HELD_OUT_FILE);
        assumeTrue(Files.exists(file), "runs from the repository checkout");

        LabelledExamples heldOut = LabelledExamples.load(file.toString());

        assertThat(heldOut.examples().stream().map(e -> new VisitNotes.Note(e.text(), e.category())).toList())
                .isEqualTo(VisitNotes.heldOut(VisitNotes.HELD_OUT_ROWS));
    }
}
