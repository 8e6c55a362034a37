package io.cognitivecdc.cli;

import io.cognitivecdc.llmsimulator.Fault;
import io.cognitivecdc.llmsimulator.FaultSettings;
import io.cognitivecdc.llmsimulator.LlmSimulator;
import io.cognitivecdc.localstack.LocalStack;
import io.cognitivecdc.localstack.demo.DemoPipeline;
import io.cognitivecdc.localstack.demo.SampleEncounters;
import io.cognitivecdc.localstack.pipeline.LocalPipeline;
import io.cognitivecdc.localstack.postgres.CapturedTables;
import io.cognitivecdc.localstack.postgres.EnrichedTableReader;
import io.cognitivecdc.localstack.postgres.SourceTable;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.topology.TopologyConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operators' loop on the real stack: a model that breaks one step dead-letters every row; once it behaves again,
 * {@code cognitive-cdc replay} enriches them all, asking only the failed step again (counted at the simulator); a
 * second replay finds nothing left to do.
 */
class ReplayRoundTripTest {

    private static final int ROWS = 12;

    private static LlmSimulator simulator;
    private static LocalStack stack;
    private static SourceTable table;
    private static Pipeline pipeline;
    private static LocalPipeline running;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPipelineWithABrokenSummarizer() {
        simulator = LlmSimulator.start();
        // Every summary is too long, however often the corrective retry asks again; classifications are fine.
        simulator.setFaults(FaultSettings.builder().rate(Fault.TOO_LONG_SUMMARY, 1.0).build());
        stack = LocalStack.start(System.out::println);
        table = SampleEncounters.generate("visits_replay", ROWS, 23L);
        new CapturedTables(stack.postgres()).create(table);
        pipeline = DemoPipeline.read(DemoPipeline.definition(table), "demo-pipeline.yaml", Map.of(
                "COGNITIVE_CDC_LLM", "simulated",
                "LLM_SIMULATOR_ENDPOINT", simulator.endpoint(),
                "LLM_SIMULATOR_API_KEY", simulator.apiKey()));
        running = LocalPipeline.start(stack, table, 2, pipeline);
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void shouldEnrichEveryDeadLetteredRowAfterTheFixWithoutAskingFinishedStepsAgain() throws IOException {
        EnrichedTableReader enriched = new EnrichedTableReader(stack.postgres(), table.enrichedTable(),
                table.primaryKey());
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> assertThat(running.failures().failures()).hasSize(ROWS));
        assertThat(running.failures().failures())
                .allSatisfy(failure -> assertThat(failure.errorType()).isEqualTo("INVALID_OUTPUT"));
        assertThat(enriched.count()).isZero();
        long classifyCalls = simulator.stats().taskType("classify");
        long summarizeCalls = simulator.stats().taskType("summarize");
        simulator.setFaults(FaultSettings.none());
        Path settings = settings();

        RunCommandTest.Result replay = RunCommandTest.run(Map.of(), "replay", "--config", settings.toString(),
                "--step", "note_summary", "--timeout", "2m");

        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("RESULT selected=" + ROWS + " replayed=" + ROWS
                + " stale=0 failed_again=0 pending=0");
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(enriched.count()).isEqualTo(ROWS));
        assertThat(simulator.stats().taskType("classify")).as("classify calls").isEqualTo(classifyCalls);
        assertThat(simulator.stats().taskType("summarize") - summarizeCalls).as("summarize calls").isEqualTo(ROWS);
        assertThat(enriched.firstRows(ROWS)).allSatisfy(row -> assertThat((String) row.get("summary")).isNotBlank());

        RunCommandTest.Result again = RunCommandTest.run(Map.of(), "replay", "--config", settings.toString(),
                "--timeout", "1m");

        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("RESULT selected=" + ROWS + " replayed=0 stale=" + ROWS);
        assertThat(simulator.stats().taskType("summarize") - summarizeCalls).isEqualTo(ROWS);
    }

    private Path settings() throws IOException {
        return Files.writeString(dir.resolve("replay.properties"), String.join("\n",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG + "=" + stack.broker().bootstrapServers(),
                StreamsConfig.APPLICATION_ID_CONFIG + "=" + running.topics().applicationId(),
                TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG + "=" + stack.registry().v3Url()) + "\n");
    }
}
