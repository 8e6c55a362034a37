package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.llm.resilience.ResilienceSettings;
import io.cognitivecdc.llmsimulator.Fault;
import io.cognitivecdc.llmsimulator.FaultSettings;
import io.cognitivecdc.llmsimulator.LlmSimulator;
import io.cognitivecdc.llmsimulator.SimulatorStats;
import io.cognitivecdc.localstack.SharedLocalStack;
import io.cognitivecdc.localstack.Shutdown;
import io.cognitivecdc.localstack.postgres.SourceTable;
import io.cognitivecdc.topology.EnrichmentProcessorConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A one-minute model outage on the real broker, Connect and PostgreSQL. While every model call fails with 503, rows
 * keep arriving and wait: nothing reaches the enriched table, no row fails, and the model is asked at the pace of the
 * backoff rather than in a loop. When the model is back, every row is enriched within a bounded time.
 */
@ExtendWith(SharedLocalStack.class)
class ModelOutageOnBrokerTest {

    private static final int BATCH = 20;
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration BACKOFF_INITIAL = Duration.ofSeconds(1);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(5);
    /** The demo pipeline's provider has no resilience section: its retries and circuit breaker are the defaults. */
    private static final ResilienceSettings PROVIDER = ResilienceSettings.ofDefaults();
    /** Generous time for 41 rows to pass both steps and the sink once the last pause of the outage has run out. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private static final Set<String> TAXONOMY = Set.of("emergency", "inpatient", "outpatient", "telehealth", "urgent_care");
    private static final String UPDATED_NOTE = "Brought in by ambulance after a fall from a ladder. X-rays negative.";

    private static LlmSimulator simulator;
    private static DemoPipelineRun run;
    private static List<List<Object>> rows;

    @BeforeAll
    static void startPipelineWithTheFirstBatchEnriched() {
        simulator = LlmSimulator.start();
        SourceTable all = DistinctEncounters.generate("visits_outage", 3 * BATCH, 11L);
        rows = all.rows();
        run = new DemoPipelineRun(SharedLocalStack.stack(),
                new SourceTable(all.name(), all.columns(), all.textColumn(), rows.subList(0, BATCH)),
                DemoPipelineRun.simulated(simulator),
                Map.of(EnrichmentProcessorConfig.BACKOFF_INITIAL_MS_CONFIG, BACKOFF_INITIAL.toMillis(),
                        EnrichmentProcessorConfig.BACKOFF_MAX_MS_CONFIG, BACKOFF_MAX.toMillis()));
        await().atMost(Duration.ofSeconds(120)).until(() -> run.enriched.count() == BATCH);
    }

    @AfterAll
    static void stop() {
        Shutdown.inOrder(run, simulator);
    }

    @Test
    void shouldPauseThroughASixtySecondModelOutageAndCatchUpWithoutDeadLetters() throws InterruptedException {
        Object updatedKey = rows.get(0).get(0);
        String summaryBefore = (String) run.enriched.row(updatedKey).get("summary");
        simulator.resetStats();
        simulator.setFaults(FaultSettings.builder().rate(Fault.UNAVAILABLE, 1.0).build());
        long outageStart = System.nanoTime();

        run.tables.insert(run.table, rows.subList(BATCH, 2 * BATCH));
        run.tables.updateText(run.table, updatedKey, UPDATED_NOTE);
        boolean secondBatchArrived = false;
        Set<KafkaStreams.State> states = EnumSet.noneOf(KafkaStreams.State.class);
        Duration elapsed;
        while ((elapsed = Duration.ofNanos(System.nanoTime() - outageStart)).compareTo(OUTAGE) < 0) {
            if (!secondBatchArrived && elapsed.compareTo(OUTAGE.dividedBy(2)) >= 0) {
                run.tables.insert(run.table, rows.subList(2 * BATCH, 3 * BATCH));
                secondBatchArrived = true;
            }
            assertThat(run.enriched.count()).as("enriched rows %s into the outage", elapsed).isEqualTo(BATCH);
            assertThat(run.enriched.row(updatedKey).get("summary")).as("the updated row's enrichment")
                    .isEqualTo(summaryBefore);
            states.add(run.running.streams().state());
            Thread.sleep(500);
        }
        SimulatorStats outage = simulator.stats();
        simulator.setFaults(FaultSettings.none());
        long recovery = System.nanoTime();

        assertThat(outage.status(503)).as("calls that met the outage").isPositive().isEqualTo(outage.requests());
        int waiting = 2 * BATCH + 1;
        // One round more than fit: the processor times its pauses by its own clock, which may lag a little.
        long bound = waiting * (roundsOfCalls(elapsed) + 1) * PROVIDER.retry().maxAttempts();
        assertThat(outage.requests()).as("calls in %s of outage for %d waiting rows", elapsed, waiting)
                .isLessThanOrEqualTo(bound);
        assertThat(states).as("the instance never left RUNNING").containsOnly(KafkaStreams.State.RUNNING);

        // The last pause may be the processor's backoff or the provider's circuit breaker staying open.
        Duration lastPause = PROVIDER.circuitBreaker().waitInOpen().compareTo(BACKOFF_MAX) > 0
                ? PROVIDER.circuitBreaker().waitInOpen() : BACKOFF_MAX;
        await().atMost(lastPause.plus(CATCH_UP)).untilAsserted(() -> {
            assertThat(run.enriched.count()).isEqualTo(3 * BATCH);
            assertThat((String) run.enriched.row(updatedKey).get("summary")).startsWith("Brought in by ambulance");
        });
        System.out.printf("Model outage of %.1f s: %d calls (bound %d) for %d waiting rows; caught up %.1f s after "
                        + "the model came back%n", elapsed.toMillis() / 1000.0, outage.requests(), bound, waiting,
                (System.nanoTime() - recovery) / 1e9);

        assertThat(run.enriched.firstRows(3 * BATCH)).hasSize(3 * BATCH).allSatisfy(row -> {
            assertThat(TAXONOMY).contains((String) row.get("category"));
            assertThat((String) row.get("summary")).isNotBlank();
        });
        assertThat(run.running.failures().failures()).as("rows failed by the outage").isEmpty();
    }

    /**
     * How many rounds of calls a task can make in {@code window} of outage. Every round ends with a failure that
     * pauses the next round for the backoff, which starts at the initial pause and doubles up to the maximum, and a
     * row is asked at most once a round (which the provider may try a few times itself). A processor that retried
     * without pausing would make a round every punctuation (20 ms) instead.
     */
    private static long roundsOfCalls(Duration window) {
        long rounds = 1;
        long paused = 0;
        long pause = BACKOFF_INITIAL.toMillis();
        while (paused + pause <= window.toMillis()) {
            paused += pause;
            rounds++;
            pause = Math.min(2 * pause, BACKOFF_MAX.toMillis());
        }
        return rounds;
    }
}
