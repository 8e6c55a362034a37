package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.llmsimulator.Fault;
import io.cognitivecdc.llmsimulator.FaultSettings;
import io.cognitivecdc.llmsimulator.LlmSimulator;
import io.cognitivecdc.localstack.SharedLocalStack;
import io.cognitivecdc.localstack.Shutdown;
import io.cognitivecdc.localstack.pipeline.RecordingModelProxy.ModelCall;
import io.cognitivecdc.topology.EnrichmentProcessorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rate-limit storm on the real broker, Connect and PostgreSQL: for ten seconds the model answers every call with 429
 * and {@code Retry-After}, then one call in five until the end. No row fails, every row is enriched, every refused
 * question is asked again, and none before the wait the model asked for has passed.
 */
@ExtendWith(SharedLocalStack.class)
class RateLimitStormOnBrokerTest {

    private static final int ROWS = 30;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final Duration STORM = Duration.ofSeconds(10);
    /** After the storm a lingering share of refusals, so that honouring Retry-After is checked while rows flow too. */
    private static final double LINGERING_RATE = 0.2;
    /**
     * Far below Retry-After, like the first backoff of the provider's own retries: only honouring Retry-After keeps a
     * refused question from coming back sooner.
     */
    private static final Duration BACKOFF_INITIAL = Duration.ofMillis(100);
    private static final Duration BACKOFF_MAX = Duration.ofMillis(400);
    /** The processor times its pause by its own clock, which may lag the answer by a few milliseconds. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofMillis(100);
    private static final Set<String> TAXONOMY = Set.of("emergency", "inpatient", "outpatient", "telehealth", "urgent_care");

    private static LlmSimulator simulator;
    private static RecordingModelProxy proxy;
    private static DemoPipelineRun run;
    private static long stormStart;

    @BeforeAll
    static void startPipelineInAStorm() {
        simulator = LlmSimulator.start();
        proxy = RecordingModelProxy.start(simulator.endpoint());
        simulator.setFaults(rateLimited(1.0));
        stormStart = System.nanoTime();
        Map<String, String> throughProxy = new HashMap<>(DemoPipelineRun.simulated(simulator));
        throughProxy.put("LLM_SIMULATOR_ENDPOINT", proxy.endpoint());
        run = new DemoPipelineRun(SharedLocalStack.stack(), DistinctEncounters.generate("visits_storm", ROWS, 5L),
                throughProxy,
                Map.of(EnrichmentProcessorConfig.BACKOFF_INITIAL_MS_CONFIG, BACKOFF_INITIAL.toMillis(),
                        EnrichmentProcessorConfig.BACKOFF_MAX_MS_CONFIG, BACKOFF_MAX.toMillis()));
    }

    @AfterAll
    static void stop() {
        Shutdown.inOrder(run, proxy, simulator);
    }

    @Test
    void shouldHonourRetryAfterDuringRateLimitStormsWithoutDeadLetters() throws InterruptedException {
        Thread.sleep(Math.max(0, STORM.toMillis() - (System.nanoTime() - stormStart) / 1_000_000));
        assertThat(run.enriched.count()).as("rows enriched while every call was refused").isZero();
        simulator.setFaults(rateLimited(LINGERING_RATE));

        await().atMost(Duration.ofSeconds(180)).until(() -> run.enriched.count() == ROWS);

        assertThat(run.enriched.firstRows(ROWS)).allSatisfy(row -> {
            assertThat(TAXONOMY).contains((String) row.get("category"));
            assertThat((String) row.get("summary")).isNotBlank();
        });
        assertThat(run.running.failures().failures()).as("rows failed by rate limits").isEmpty();

        List<ModelCall> calls = proxy.calls();
        long refused = calls.stream().filter(call -> call.status() == 429).count();
        assertThat(refused).as("429s through the proxy").isEqualTo(simulator.stats().status(429));
        assertThat(refused).as("calls refused by the storm").isPositive();
        List<Duration> waits = waitsAfterRateLimits(calls);
        assertThat(waits).as("refused calls asked again").hasSize((int) refused);
        assertThat(waits).as("time from a 429 to the same question again")
                .allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(RETRY_AFTER.minus(CLOCK_TOLERANCE)));
        System.out.printf("Rate-limit storm: %d calls, %d answered 429, shortest wait after a 429 %d ms%n",
                calls.size(), refused, waits.stream().mapToLong(Duration::toMillis).min().orElse(-1));
    }

    private static FaultSettings rateLimited(double rate) {
        return FaultSettings.builder().rate(Fault.RATE_LIMIT, rate).retryAfter(RETRY_AFTER).build();
    }

    /** For each call answered 429, how long until the same step asked the same question again. */
    private static List<Duration> waitsAfterRateLimits(List<ModelCall> calls) {
        List<Duration> waits = new ArrayList<>();
        calls.stream().collect(Collectors.groupingBy(ModelCall::conversation)).values().forEach(conversation -> {
            for (int i = 1; i < conversation.size(); i++) {
                if (conversation.get(i - 1).status() == 429) {
                    waits.add(RecordingModelProxy.between(conversation.get(i - 1), conversation.get(i)));
                }
            }
        });
        return waits;
    }
}
