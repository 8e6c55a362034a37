package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.localstack.LocalStack;
import io.cognitivecdc.localstack.SharedLocalStack;
import io.cognitivecdc.localstack.demo.SampleEncounters;
import io.cognitivecdc.localstack.postgres.CapturedTables;
import io.cognitivecdc.localstack.postgres.EnrichedTableReader;
import io.cognitivecdc.localstack.postgres.SourceTable;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The loop through the real components: rows inserted, updated and deleted in PostgreSQL go through Debezium, the
 * topology (Avro through the registry on both sides) and the JDBC sink, and show up in the enriched table.
 */
@ExtendWith(SharedLocalStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPipelineRoundTripTest {

    private static final int ROWS = 40;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static SourceTable table;
    private static CapturedTables tables;
    private static EnrichedTableReader enriched;
    private static LocalPipeline pipeline;

    @BeforeAll
    static void startPipeline() {
        LocalStack stack = SharedLocalStack.stack();
        table = SampleEncounters.generate(ROWS, 7L);
        tables = new CapturedTables(stack.postgres());
        tables.create(table);
        pipeline = LocalPipeline.start(stack, table, 3);
        enriched = new EnrichedTableReader(stack.postgres(), table.enrichedTable(), table.primaryKey());
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void shouldUpsertEverySnapshotRowIntoTheEnrichedTable() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(enriched.count()).isEqualTo(ROWS));

        Map<String, Object> first = enriched.row(1);
        assertThat(first).containsKeys("encounter_id", "category", "confidence", "summary", "enriched_by",
                "source_table", "source_ts_ms", "enriched_at_ms");
        assertThat((String) first.get("source_table")).endsWith("encounters");
        assertThat((String) first.get("summary")).isNotBlank();
        assertThat(enriched.firstRows(ROWS)).allSatisfy(row -> assertThat(row.get("category")).isNotNull());
    }

    @Test
    @Order(2)
    void shouldReplaceEnrichmentWhenSourceRowUpdated() {
        await().atMost(WAIT).until(() -> enriched.row(2) != null);
        tables.updateText(table, 2, "Patient brought to the emergency department after a trauma. Stable on arrival.");

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> row = enriched.row(2);
            assertThat((String) row.get("summary")).startsWith("Patient brought to the emergency department");
            assertThat(row.get("category")).isEqualTo("emergency");
        });
    }

    @Test
    @Order(3)
    void shouldDeleteEnrichedRowWhenSourceRowDeleted() {
        await().atMost(WAIT).until(() -> enriched.row(3) != null);
        tables.delete(table, 3);

        await().atMost(WAIT).until(() -> enriched.row(3) == null);
        assertThat(enriched.row(4)).isNotNull();
    }

    @Test
    @Order(4)
    void shouldEnrichRowInsertedWhileRunning() {
        tables.insert(table, List.of(List.of(1000, "P-999999", "Cardiology", LocalDate.of(2026, 11, 1),
                "Routine follow-up visit for palpitations. Holter monitor normal.")));

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> row = enriched.row(1000);
            assertThat(row).isNotNull();
            assertThat(row.get("category")).isEqualTo("outpatient");
        });
    }
}
