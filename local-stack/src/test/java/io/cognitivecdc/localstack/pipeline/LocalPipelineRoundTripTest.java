package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.llmsimulator.LlmSimulator;
import io.cognitivecdc.localstack.SharedLocalStack;
import io.cognitivecdc.localstack.Shutdown;
import io.cognitivecdc.localstack.demo.SampleEncounters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo pipeline through the real components with the LLM simulator as the model: rows inserted, updated and
 * deleted in PostgreSQL go through Debezium, the topology (classifier then summarizer over the Azure OpenAI wire
 * format; Avro through the registry on both sides) and the JDBC sink, and show up in the enriched table.
 */
@ExtendWith(SharedLocalStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPipelineRoundTripTest {

    private static final int ROWS = 40;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Set<String> TAXONOMY = Set.of("emergency", "inpatient", "outpatient", "telehealth", "urgent_care");

    private static LlmSimulator simulator;
    private static DemoPipelineRun run;

    @BeforeAll
    static void startPipeline() {
        simulator = LlmSimulator.start();
        run = new DemoPipelineRun(SharedLocalStack.stack(), SampleEncounters.generate("visits_sim", ROWS, 7L),
                DemoPipelineRun.simulated(simulator));
    }

    @AfterAll
    static void stopPipeline() {
        Shutdown.inOrder(run, simulator);
    }

    @Test
    @Order(1)
    void shouldUpsertEverySnapshotRowWithClassificationAndSummary() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(run.enriched.count()).isEqualTo(ROWS));

        List<Map<String, Object>> rows = run.enriched.firstRows(ROWS);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row).containsKeys("encounter_id", "category", "confidence", "needs_review", "summary",
                    "enriched_by", "source_table", "source_ts_ms", "enriched_at_ms");
            assertThat(TAXONOMY).contains((String) row.get("category"));
            assertThat(((Number) row.get("confidence")).doubleValue()).isBetween(0.0, 1.0);
            assertThat((String) row.get("summary")).isNotBlank().hasSizeLessThanOrEqualTo(160);
            assertThat((String) row.get("enriched_by"))
                    .isEqualTo("visit_type=azure-openai/clinic-simulator,note_summary=azure-openai/clinic-simulator");
            assertThat(row.get("source_table")).isEqualTo("public.visits_sim");
        });
        assertThat(run.running.failures().failures()).isEmpty();
        // Two steps per row and no retries (the simulator answers valid JSON); identical notes in the same partition
        // are asked once and answered from the step cache.
        long distinctNotes = run.table.rows().stream().map(r -> r.get(4)).distinct().count();
        assertThat(simulator.stats().requests()).isBetween(2L * distinctNotes, 2L * ROWS);
    }

    @Test
    @Order(2)
    void shouldReplaceEnrichmentWhenSourceRowUpdated() {
        await().atMost(WAIT).until(() -> run.enriched.row(2) != null);
        long before = ((Number) run.enriched.row(2).get("source_ts_ms")).longValue();

        run.tables.updateText(run.table, 2, "Brought in by ambulance after a car crash. Trauma team activated.");

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> row = run.enriched.row(2);
            assertThat(((Number) row.get("source_ts_ms")).longValue()).isGreaterThan(before);
            assertThat((String) row.get("summary")).startsWith("Brought in by ambulance after a car crash.");
        });
    }

    @Test
    @Order(3)
    void shouldDeleteEnrichedRowWhenSourceRowDeleted() {
        await().atMost(WAIT).until(() -> run.enriched.row(3) != null);
        long requests = simulator.stats().requests();

        run.tables.delete(run.table, 3);

        await().atMost(WAIT).until(() -> run.enriched.row(3) == null);
        assertThat(run.enriched.row(4)).isNotNull();
        assertThat(simulator.stats().requests()).as("deletes call no model").isEqualTo(requests);
    }

    @Test
    @Order(4)
    void shouldEnrichRowInsertedWhileRunning() {
        run.tables.insert(run.table, List.of(List.of(1000, "P-999999", "Cardiology", LocalDate.of(2026, 11, 1),
                "Routine follow-up visit for palpitations. Holter monitor normal.")));

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> row = run.enriched.row(1000);
            assertThat(row).isNotNull();
            assertThat((String) row.get("summary")).startsWith("Routine follow-up visit for palpitations.");
        });
    }
}
