package io.cognitivecdc.replay;

import io.cognitivecdc.deadletter.DeadLetterConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A replay up to where it needs a cluster; the rest runs on a real broker in the cli module's tests. */
class ReplayTest {

    /** Port 1 on loopback: nothing listens there, connections are refused at once. */
    private static final Map<String, Object> SETTINGS = Map.of(
            StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
            StreamsConfig.APPLICATION_ID_CONFIG, "enrich-tickets");

    private final StringWriter out = new StringWriter();

    @Test
    void shouldGiveUpAtTheKafkaTimeoutNamingTheClusterTopicAndSettings() {
        ReplayTarget target = new ReplayTarget(new StreamsConfig(SETTINGS), "http://127.0.0.1:1/apis/registry/v3",
                new DeadLetterConfig(SETTINGS), "/etc/cognitive-cdc/run.properties");
        Replay replay = new Replay(target, ReplayOptions.builder().dryRun(true).kafkaTimeout(Duration.ofSeconds(1))
                .build());

        assertThatThrownBy(() -> replay.run(new PrintWriter(out), new PrintWriter(new StringWriter())))
                .isInstanceOf(ReplayException.class)
                .hasMessageStartingWith("cannot reach Kafka at 127.0.0.1:1: no answer about topic "
                        + "enrich-tickets.dead-letter within 1s")
                .hasMessageContaining("/etc/cognitive-cdc/run.properties");
        assertThat(out.toString()).as("nothing reported before the topics are known").isEmpty();
    }
}
