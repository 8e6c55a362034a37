package io.cognitivecdc.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PlaceholderEnrichmentTest {

    private final PlaceholderEnrichment enrichment = new PlaceholderEnrichment("clinical_notes");

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Brought to the emergency department by ambulance.   | emergency
            Multiple trauma after a road accident.              | emergency
            Seen in the ER, discharged the same night.          | emergency
            Routine check of blood pressure.                    | outpatient
            Follow-up of the knee surgery, healing well.        | outpatient
            Patient admitted for observation.                   | inpatient
            Inpatient stay of three days.                       | inpatient
            Telephone consultation about a prescription.        | other
            She reported her fever was gone.                    | other
            """)
    void shouldCategoriseByKeywords(String notes, String category) {
        assertThat(enrichment.enrich(Map.of("clinical_notes", notes)).category()).isEqualTo(category);
    }

    @Test
    void shouldPreferEmergencyWhenSeveralRulesMatch() {
        Enrichment result = enrichment.enrich(Map.of("clinical_notes", "Admitted from the ER after a routine visit."));

        assertThat(result.category()).isEqualTo("emergency");
    }

    @Test
    void shouldSummariseWithFirstSentence() {
        Enrichment result = enrichment.enrich(Map.of("clinical_notes",
                "  Temp 37.5 C,\n  BP normal.  Advised rest! Back in a week?"));

        assertThat(result.summary()).isEqualTo("Temp 37.5 C, BP normal.");
    }

    @Test
    void shouldCutSummaryToTwoHundredCharacters() {
        String longSentence = "word ".repeat(100);

        String summary = enrichment.enrich(Map.of("clinical_notes", longSentence)).summary();

        assertThat(summary).hasSizeLessThanOrEqualTo(PlaceholderEnrichment.MAX_SUMMARY_LENGTH).startsWith("word word");
        assertThat(summary).doesNotEndWith(" ");
    }

    @Test
    void shouldMarkResultAsPlaceholderWithoutConfidence() {
        Enrichment result = enrichment.enrich(Map.of("clinical_notes", "Routine check."));

        assertThat(result.enrichedBy()).isEqualTo("placeholder");
        assertThat(result.confidence()).isNull();
    }

    @Test
    void shouldGiveOtherAndNoSummaryWhenTextMissing() {
        Map<String, Object> row = new HashMap<>();
        row.put("clinical_notes", null);

        assertThat(enrichment.enrich(row)).isEqualTo(new Enrichment("other", null, null, "placeholder"));
        assertThat(enrichment.enrich(Map.of("id", 1))).isEqualTo(new Enrichment("other", null, null, "placeholder"));
    }

    @Test
    void shouldGiveOtherAndNoSummaryWhenTextBlank() {
        assertThat(enrichment.enrich(Map.of("clinical_notes", "  \n ")))
                .isEqualTo(new Enrichment("other", null, null, "placeholder"));
    }

    @Test
    void shouldBeDeterministic() {
        Map<String, Object> row = Map.of("clinical_notes", "Trauma. Stable.");

        assertThat(enrichment.enrich(row)).isEqualTo(enrichment.enrich(row));
    }
}
