package io.cognitivecdc.localstack.demo;

import io.cognitivecdc.llmsimulator.Fault;
import io.cognitivecdc.llmsimulator.FaultSettings;
import io.cognitivecdc.llmsimulator.LlmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** When the demo's {@code --faults} are on and when they are cleared, as the simulator and the user see it. */
class FaultWindowTest {

    private static final FaultSettings CONTENT_FILTER = FaultSettings.builder().rate(Fault.CONTENT_FILTER, 0.05).build();

    private final LlmSimulator simulator = LlmSimulator.start();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void shouldInjectTheFaultsUntilTheInitialLoadIsDone() throws InterruptedException {
        try (FaultWindow window = FaultWindow.open(options(null), simulator, out)) {
            assertThat(simulator.faults().rate(Fault.CONTENT_FILTER)).isEqualTo(0.05);

            window.initialLoadDone();

            assertThat(simulator.faults().rates()).isEmpty();
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("LLM simulator faults on: content_filter=0.05, until the initial load is done")
                .contains("LLM simulator faults cleared now that the initial load is done");
    }

    @Test
    void shouldHoldTheLiveChangesBackUntilTheFaultsForDurationHasPassed() throws InterruptedException {
        Duration faultsFor = Duration.ofMillis(500);
        long start = System.nanoTime();
        try (FaultWindow window = FaultWindow.open(options(faultsFor), simulator, out)) {
            window.initialLoadDone();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(faultsFor);
            assertThat(simulator.faults().rates()).isEmpty();
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("LLM simulator faults on: content_filter=0.05, for 500ms")
                .contains("faults stay on until --faults-for has passed")
                .contains("LLM simulator faults cleared after 500ms (--faults-for)");
    }

    @Test
    void shouldClearTheFaultsWhenTheirDurationEndsDuringTheInitialLoad() throws InterruptedException {
        try (FaultWindow window = FaultWindow.open(options(Duration.ofMillis(200)), simulator, out)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> simulator.faults().rates().isEmpty());

            window.initialLoadDone();
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("stay on");
    }

    @Test
    void shouldLeaveTheSimulatorAloneWithoutFaults() throws InterruptedException {
        DemoOptions noFaults = new DemoOptions(10, null, null, 1, 0, 0, true, Duration.ofMinutes(1),
                LlmChoice.SIMULATED, null, FaultSettings.none(), null);
        simulator.setFaults(CONTENT_FILTER);
        try (FaultWindow window = FaultWindow.open(noFaults, simulator, out)) {
            window.initialLoadDone();
        }
        assertThat(simulator.faults()).isEqualTo(CONTENT_FILTER);
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static DemoOptions options(Duration faultsFor) {
        return new DemoOptions(10, null, null, 1, 0, 0, true, Duration.ofMinutes(1), LlmChoice.SIMULATED, null,
                CONTENT_FILTER, faultsFor);
    }
}
