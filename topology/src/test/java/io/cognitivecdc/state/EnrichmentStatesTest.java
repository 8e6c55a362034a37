package io.cognitivecdc.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.cdc.ChangeEvent;
import io.cognitivecdc.cdc.Op;
import io.cognitivecdc.cdc.SourceInfo;
import io.cognitivecdc.llm.TokenUsage;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.steps.StepOutput;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrichmentStatesTest {

    private static EnrichmentState pending() {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("encounter_id", 7);
        after.put("clinical_notes", "Seen in the ER.");
        after.put("charge", new byte[] {1, 2});
        after.put("tags", java.util.List.of("a", "b"));
        ChangeEvent event = new ChangeEvent(Op.UPDATE, null, after,
                new SourceInfo("postgresql", "postgres", "public", "encounters", "000000001a2b3c4d", 1_000L), 1_010L);
        return EnrichmentStates.pending(Map.of("encounter_id", 7), event, "cdc.public.encounters", 2, 41L, 5_000L);
    }

    @Test
    void shouldKeepTheSourceVersionAndTheRawRowOfAChange() {
        EnrichmentState state = pending();

        assertThat(state.getKey()).isEqualTo("{\"encounter_id\":7}");
        assertThat(state.getStatus()).isEqualTo(EnrichmentStatus.PENDING);
        assertThat(state.getSourceVersion().getPosition()).isEqualTo("000000001a2b3c4d");
        assertThat(state.getSourceVersion().getTable()).isEqualTo("public.encounters");
        assertThat(state.getSourceVersion().getOffset()).isEqualTo(41L);
        assertThat(state.getRaw()).containsEntry("encounter_id", 7L)
                .containsEntry("clinical_notes", "Seen in the ER.")
                .containsEntry("tags", "[\"a\",\"b\"]");
    }

    @Test
    void shouldRecordEachStepWithItsFingerprintAttemptsAndTokens() {
        EnrichmentState state = pending();

        EnrichmentStates.recordStep(state, "visit_type",
                new StepOutput(Map.of("category", "emergency"), "azure-openai/gpt-4o-mini", 2, new TokenUsage(310, 42), 850),
                "fp-1", 6_000L);

        assertThat(EnrichmentStates.output(state, "visit_type")).containsEntry("category", "emergency");
        assertThat(state.getStepInputs()).containsEntry("visit_type", "fp-1");
        assertThat(state.getLog()).singleElement().satisfies(entry -> {
            assertThat(entry.getAttempts()).isEqualTo(2);
            assertThat(entry.getPromptTokens()).isEqualTo(310);
            assertThat(entry.getCompletionTokens()).isEqualTo(42);
            assertThat(entry.getModel()).isEqualTo("azure-openai/gpt-4o-mini");
        });
        assertThat(state.getUpdatedAtMs()).isEqualTo(6_000L);
    }

    @Test
    void shouldFingerprintInputsIndependentlyOfTheirOrder() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("text", "a");
        one.put("focus", "b");
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("focus", "b");
        other.put("text", "a");

        assertThat(EnrichmentStates.inputFingerprint("def", one)).isEqualTo(EnrichmentStates.inputFingerprint("def", other));
        assertThat(EnrichmentStates.inputFingerprint("def", one))
                .isNotEqualTo(EnrichmentStates.inputFingerprint("def", Map.of("text", "a", "focus", "c")))
                .isNotEqualTo(EnrichmentStates.inputFingerprint("changed-definition", one));
    }

    @Test
    void shouldShowTheStateAsJson() {
        String json = EnrichmentStates.toJson(pending());

        assertThat(json).contains("\"key\" : \"{\\\"encounter_id\\\":7}\"")
                .contains("\"status\" : \"PENDING\"")
                .contains("\"position\" : \"000000001a2b3c4d\"");
    }
}
