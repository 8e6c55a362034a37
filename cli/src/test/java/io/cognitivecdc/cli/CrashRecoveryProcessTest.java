package io.cognitivecdc.cli;

import io.cognitivecdc.llmsimulator.Fault;
import io.cognitivecdc.llmsimulator.FaultSettings;
import io.cognitivecdc.llmsimulator.LlmSimulator;
import io.cognitivecdc.localstack.LocalStack;
import io.cognitivecdc.localstack.pipeline.LocalConnectors;
import io.cognitivecdc.localstack.demo.SampleEncounters;
import io.cognitivecdc.localstack.postgres.CapturedTables;
import io.cognitivecdc.localstack.postgres.EnrichedTableReader;
import io.cognitivecdc.localstack.postgres.SourceTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A topology instance killed with SIGKILL while model calls are in flight, then restarted: no row is lost, none is
 * duplicated in the sink table, and steps that had finished are not asked again.
 *
 * <p>The classifier talks to one simulator, which answers at once; the summarizer to another, which hangs. So when the
 * instance is killed, every row has its classification in the state store and its summary call in flight.
 */
class CrashRecoveryProcessTest {

    private static final int ROWS = 30;
    private static final Duration START = Duration.ofMinutes(3);

    private static LlmSimulator classifierModel;
    private static LlmSimulator summarizerModel;
    private static LocalStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void startStack() {
        classifierModel = LlmSimulator.start();
        summarizerModel = LlmSimulator.start();
        stack = LocalStack.start(System.out::println);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (summarizerModel != null) {
            summarizerModel.close();
        }
        if (classifierModel != null) {
            classifierModel.close();
        }
    }

    @Test
    void shouldLoseNothingDuplicateNothingAndRedoNoFinishedStepAfterSigkill() throws Exception {
        SourceTable table = SampleEncounters.generate("crash", ROWS, 5L);
        new CapturedTables(stack.postgres()).create(table);
        stack.broker().createTopics(2, table.cdcTopic(), "cdc.enriched.crash");
        Path config = writeConfig(table);
        EnrichedTableReader enriched = new EnrichedTableReader(stack.postgres(), table.enrichedTable(), table.primaryKey());
        summarizerModel.setFaults(FaultSettings.builder().rate(Fault.SLOW, 1.0).slowDelay(Duration.ofMinutes(10)).build());

        try (LocalConnectors ignored = LocalConnectors.register(stack, table, table.enrichedTopic(), 2).awaitRunning()) {
            try (TopologyProcess first = TopologyProcess.start(config, environment())) {
                first.awaitRunning(START);
                first.await("every row classified and its summary call hanging", Duration.ofMinutes(2),
                        () -> classifierModel.stats().taskType("classify") == ROWS
                                && summarizerModel.stats().inFlight() == ROWS);
                // Finished steps reach the changelog with the next commit (commit.interval.ms 100).
                Thread.sleep(2_000);

                first.destroyForcibly();
                first.waitFor(Duration.ofSeconds(30));
            }
            assertThat(enriched.count()).as("nothing was emitted before the crash").isZero();

            summarizerModel.setFaults(FaultSettings.none());
            try (TopologyProcess second = TopologyProcess.start(config, environment())) {
                second.awaitRunning(START);
                second.await("all " + ROWS + " rows in the sink table", Duration.ofMinutes(3),
                        () -> enriched.count() == ROWS);
                assertThat(second.output()).contains("resumes");
                second.destroy();
                second.waitFor(Duration.ofSeconds(90));
            }
        }

        assertThat(classifierModel.stats().taskType("classify")).as("finished classifications asked again")
                .isEqualTo(ROWS);
        assertThat(summarizerModel.stats().taskType("summarize")).as("summaries answered after the restart")
                .isGreaterThanOrEqualTo(ROWS);
        List<Map<String, Object>> rows = enriched.firstRows(ROWS + 10);
        assertThat(rows).hasSize(ROWS);
        assertThat(rows).extracting(row -> row.get("encounter_id")).doesNotHaveDuplicates();
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("category")).isNotNull();
            assertThat((String) row.get("summary")).isNotBlank();
        });
    }

    private Path writeConfig(SourceTable table) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(folder.resolve("pipeline.yaml"), """
                name: crash
                source: { topics: [%s] }
                enriched: { topic: cdc.enriched.crash }
                providers:
                  fast: { type: azure-openai, endpoint: "${env:FAST_ENDPOINT}", api-key: "${env:FAST_KEY}", deployment: fast }
                  stalled:
                    type: azure-openai
                    endpoint: "${env:STALLED_ENDPOINT}"
                    api-key: "${env:STALLED_KEY}"
                    deployment: stalled
                    timeout: 900s
                steps:
                  - name: visit_type
                    type: classifier
                    provider: fast
                    inputs: { text: raw.clinical_notes }
                    taxonomy:
                      - { name: emergency, definition: Unplanned visit to an emergency department }
                      - { name: inpatient, definition: Admitted to hospital overnight or longer }
                      - { name: outpatient, definition: Scheduled clinic appointment or follow-up }
                      - { name: telehealth, definition: Remote consultation by video or phone }
                      - { name: urgent_care, definition: Same-day walk-in visit for a minor problem }
                  - name: note_summary
                    type: summarizer
                    provider: stalled
                    inputs: { text: raw.clinical_notes, focus: processed.visit_type.category }
                    max_length: 160
                columns:
                  category: processed.visit_type.category
                  summary: processed.note_summary.text
                """.formatted(table.cdcTopic()));
        return Files.writeString(folder.resolve("cognitive-cdc.properties"), """
                bootstrap.servers=%s
                application.id=cognitive-cdc-crash
                state.dir=%s
                pipeline.file=pipeline.yaml
                schema.registry.url=%s
                consumer.session.timeout.ms=10000
                consumer.heartbeat.interval.ms=1000
                """.formatted(stack.broker().bootstrapServers(), dir.resolve("state"), stack.registry().v3Url()));
    }

    private static Map<String, String> environment() {
        return Map.of(
                "FAST_ENDPOINT", classifierModel.endpoint(), "FAST_KEY", classifierModel.apiKey(),
                "STALLED_ENDPOINT", summarizerModel.endpoint(), "STALLED_KEY", summarizerModel.apiKey());
    }
}
