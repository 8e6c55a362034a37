package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.llmsimulator.Fault;
import io.cognitivecdc.llmsimulator.FaultSettings;
import io.cognitivecdc.llmsimulator.LlmSimulator;
import io.cognitivecdc.localstack.SharedLocalStack;
import io.cognitivecdc.localstack.Shutdown;
import io.cognitivecdc.localstack.demo.SampleEncounters;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The asynchronous processor on the real broker, Connect and PostgreSQL: a model that stalls for longer than
 * {@code max.poll.interval.ms} causes no rebalance and no failed row, and the backlog drains when it answers again;
 * updates that do not change a step's inputs call no model; rapid updates of one row end with its latest version.
 */
@ExtendWith(SharedLocalStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AsyncProcessorOnBrokerTest {

    private static final int ROWS = 20;
    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(6);
    private static final Duration STALL = Duration.ofSeconds(15);

    private static LlmSimulator simulator;
    private static DemoPipelineRun run;

    @BeforeAll
    static void startPipelineWithAStalledModel() {
        simulator = LlmSimulator.start();
        // Every call hangs for longer than a stream thread may go without polling.
        simulator.setFaults(FaultSettings.builder().rate(Fault.SLOW, 1.0).slowDelay(STALL).build());
        run = new DemoPipelineRun(SharedLocalStack.stack(), SampleEncounters.generate("visits_async", ROWS, 3L),
                DemoPipelineRun.simulated(simulator),
                Map.of(StreamsConfig.consumerPrefix("max.poll.interval.ms"), (int) MAX_POLL_INTERVAL.toMillis()));
    }

    @AfterAll
    static void stop() {
        Shutdown.inOrder(run, simulator);
    }

    @Test
    @Order(1)
    void shouldRideOutAModelStallLongerThanTheMaxPollIntervalWithoutRebalancingOrFailingRows() throws InterruptedException {
        Set<KafkaStreams.State> seen = EnumSet.noneOf(KafkaStreams.State.class);
        long end = System.nanoTime() + MAX_POLL_INTERVAL.multipliedBy(2).toNanos();
        while (System.nanoTime() < end) {
            seen.add(run.running.streams().state());
            Thread.sleep(100);
        }
        // One call per row hangs at the model at once: the rows are all in flight, none has waited for another.
        assertThat(simulator.stats().maxInFlight()).as("calls hanging in flight").isEqualTo(ROWS);
        assertThat(run.enriched.count()).isZero();

        simulator.setFaults(FaultSettings.none());
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            seen.add(run.running.streams().state());
            assertThat(run.enriched.count()).isEqualTo(ROWS);
        });

        assertThat(seen).as("the instance never left RUNNING").containsOnly(KafkaStreams.State.RUNNING);
        assertThat(run.running.failures().failures()).as("a stalled model fails no row").isEmpty();
    }

    @Test
    @Order(2)
    void shouldCallNoModelWhenAnUpdateLeavesTheStepInputsAlone() {
        await().atMost(Duration.ofSeconds(60)).until(() -> run.enriched.count() == ROWS);
        long calls = simulator.stats().requests();

        // Per-key order: once the second update of row 5 is in the sink, the first one was processed too.
        run.tables.updateColumn(run.table, 5, "department", "Neurology");
        run.tables.updateText(run.table, 5, "Walk-in to urgent care with a sprained ankle. Strapped.");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat((String) run.enriched.row(5).get("summary"))
                .startsWith("Walk-in to urgent care with a sprained ankle."));
        assertThat(simulator.stats().requests() - calls).as("only the text change asked the model").isEqualTo(2);
    }

    @Test
    @Order(3)
    void shouldEndWithTheLatestVersionAfterRapidUpdatesOfOneRow() {
        for (int version = 1; version <= 10; version++) {
            run.tables.updateText(run.table, 6, "Version " + version + ". Routine follow-up visit.");
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat((String) run.enriched.row(6).get("summary")).startsWith("Version 10."));
        assertThat(run.running.failures().failures()).isEmpty();
    }
}
