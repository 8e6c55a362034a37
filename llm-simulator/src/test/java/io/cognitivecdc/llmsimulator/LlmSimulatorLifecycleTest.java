package io.cognitivecdc.llmsimulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting, ports and the command line. */
class LlmSimulatorLifecycleTest {

    @Test
    void a_free_port_is_picked_below_the_ephemeral_range() {
        try (LlmSimulator first = LlmSimulator.start(); LlmSimulator second = LlmSimulator.start()) {
            assertThat(first.port()).isBetween(LlmSimulator.PORT_RANGE_START, LlmSimulator.PORT_RANGE_END);
            assertThat(second.port()).isNotEqualTo(first.port());
            assertThat(first.endpoint()).isEqualTo("http://127.0.0.1:" + first.port());
        }
    }

    @Test
    void the_command_line_configures_every_knob() {
        SimulatorConfig config = LlmSimulatorMain.parse(new String[]{"--port", "28080", "--api-key=demo",
                "--latency", "uniform:10ms-20ms", "--fault", "rate_limit=0.1", "--fault=invalid_json=0.05",
                "--fault-attempts", "1", "--retry-after", "2s", "--slow-delay", "30s", "--rpm", "600", "--tpm",
                "90000", "--seed", "9"});

        assertThat(config.port()).isEqualTo(28080);
        assertThat(config.apiKey()).isEqualTo("demo");
        assertThat(config.latency()).isEqualTo(LatencyModel.uniform(Duration.ofMillis(10), Duration.ofMillis(20)));
        assertThat(config.faults().rate(Fault.RATE_LIMIT)).isEqualTo(0.1);
        assertThat(config.faults().rate(Fault.INVALID_JSON)).isEqualTo(0.05);
        assertThat(config.faults().attempts()).isEqualTo(1);
        assertThat(config.faults().retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.faults().slowDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.quota()).isEqualTo(new QuotaSettings(600, 90_000));
        assertThat(config.seed()).isEqualTo(9);
    }
}
