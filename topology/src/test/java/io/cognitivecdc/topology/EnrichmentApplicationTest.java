package io.cognitivecdc.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.llm.FakeChatModel;
import io.cognitivecdc.pipeline.TestPipelines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle without a broker; the running pipeline is covered by local-stack's end-to-end tests. */
class EnrichmentApplicationTest {

    @TempDir
    Path stateDir;

    private EnrichmentApplication application() {
        InMemorySchemaStore schemas = new InMemorySchemaStore();
        return new EnrichmentApplication(TestPipelines.visits(new FakeChatModel()),
                new EnrichmentSerdes(schemas.genericSerde(), schemas.genericSerde(), schemas.genericSerde(),
                        schemas.genericSerde()),
                Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "lifecycle-test",
                        // Nothing listens on port 1: the client starts but never gets partitions.
                        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                        StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                        DeadLetterConfig.CREATE_TOPICS_CONFIG, false),
                failure -> { });
    }

    @Test
    void shouldDefaultToExactlyOnceAndLetCallerOverride() {
        assertThat(EnrichmentApplication.streamsConfig(Map.of()))
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        assertThat(EnrichmentApplication.streamsConfig(Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000)))
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
    }

    @Test
    void shouldReportNotRunningUntilPartitionsAreAssigned() throws InterruptedException {
        try (EnrichmentApplication application = application()) {
            assertThat(application.state()).isEqualTo(KafkaStreams.State.CREATED);

            application.start();

            assertThat(application.awaitRunning(Duration.ofMillis(300))).isFalse();
            assertThat(application.state()).isEqualTo(KafkaStreams.State.REBALANCING);
        }
    }

    @Test
    void shouldCloseWithinTimeoutAndRefuseToWaitAfterwards() {
        EnrichmentApplication application = application();
        application.start();

        assertThat(application.close(Duration.ofSeconds(20))).isTrue();

        assertThat(application.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThatThrownBy(() -> application.awaitRunning(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NOT_RUNNING");
    }
}
