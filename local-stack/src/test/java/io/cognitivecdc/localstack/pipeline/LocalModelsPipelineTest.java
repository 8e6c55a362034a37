package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.localstack.SharedLocalStack;
import io.cognitivecdc.localstack.Shutdown;
import io.cognitivecdc.localstack.demo.SampleEncounters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo pipeline through the real components with the local models (all-MiniLM-L6-v2 through DJL, offline): the
 * classifier votes over the bundled labelled examples, the summarizer picks sentences of the note.
 */
@ExtendWith(SharedLocalStack.class)
class LocalModelsPipelineTest {

    private static final int ROWS = 30;
    private static final Set<String> TAXONOMY = Set.of("emergency", "inpatient", "outpatient", "telehealth", "urgent_care");

    private static DemoPipelineRun run;

    @BeforeAll
    static void startPipeline() {
        run = new DemoPipelineRun(SharedLocalStack.stack(), SampleEncounters.generate("visits_local", ROWS, 11L),
                Map.of("COGNITIVE_CDC_LLM", "local"));
    }

    @AfterAll
    static void stopPipeline() {
        Shutdown.inOrder(run);
    }

    @Test
    void shouldClassifyAndSummarizeEveryRowWithTheLocalModels() {
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> assertThat(run.enriched.count()).isEqualTo(ROWS));

        List<Map<String, Object>> rows = run.enriched.firstRows(ROWS);
        assertThat(rows).allSatisfy(row -> {
            assertThat(TAXONOMY).contains((String) row.get("category"));
            assertThat(((Number) row.get("confidence")).doubleValue()).isBetween(0.0, 1.0);
            assertThat(row.get("needs_review")).isInstanceOf(Boolean.class);
            assertThat((String) row.get("enriched_by")).contains("visit_type=local/all-minilm-l6-v2");
        });
        for (Map<String, Object> row : rows) {
            String notes = (String) run.table.rows().stream()
                    .filter(source -> source.get(0).equals(row.get("encounter_id"))).findFirst().orElseThrow().get(4);
            String summary = (String) row.get("summary");
            assertThat(summary).hasSizeLessThanOrEqualTo(160);
            // Extractive: the summary is made of the note's own sentences.
            assertThat(notes).contains(summary.split("(?<=[.!?])\\s+")[0]);
        }
        // The sample notes name their setting ("emergency department", "video consult", ...): most must agree.
        long agreeing = rows.stream().filter(LocalModelsPipelineTest::categoryMatchesWording).count();
        assertThat(agreeing).isGreaterThanOrEqualTo(ROWS * 8 / 10);
    }

    private static boolean categoryMatchesWording(Map<String, Object> row) {
        String notes = ((String) run.table.rows().stream()
                .filter(source -> source.get(0).equals(row.get("encounter_id"))).findFirst().orElseThrow().get(4))
                .toLowerCase(java.util.Locale.ROOT);
        return switch ((String) row.get("category")) {
            case "emergency" -> notes.contains("emergency department");
            case "inpatient" -> notes.contains("inpatient");
            case "outpatient" -> notes.contains("follow-up visit");
            case "telehealth" -> notes.contains("telehealth");
            case "urgent_care" -> notes.contains("urgent care");
            default -> false;
        };
    }
}
