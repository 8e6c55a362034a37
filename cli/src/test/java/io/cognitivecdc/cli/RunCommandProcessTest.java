package io.cognitivecdc.cli;

import io.cognitivecdc.llmsimulator.LlmSimulator;
import io.cognitivecdc.localstack.LocalStack;
import io.cognitivecdc.localstack.pipeline.LocalConnectors;
import io.cognitivecdc.localstack.demo.DemoPipeline;
import io.cognitivecdc.localstack.demo.SampleEncounters;
import io.cognitivecdc.localstack.postgres.CapturedTables;
import io.cognitivecdc.localstack.postgres.EnrichedTableReader;
import io.cognitivecdc.localstack.postgres.SourceTable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cognitive-cdc run} against the embedded stack (PostgreSQL, Kafka, Apicurio Registry, Connect with the
 * Debezium source and the JDBC sink) as a separate JVM: it enriches every row, stops cleanly on SIGTERM (exit 0,
 * having left its consumer group), and exits 1 when Kafka Streams dies. The start-up checks against the real cluster
 * run in-process.
 */
class RunCommandProcessTest {

    private static final int ROWS = 30;
    /** Generous: the child JVM starts, loads the pipeline and warms up the registry serde on a busy 2-core box. */
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration ENRICH = Duration.ofMinutes(4);
    private static final Duration STOP = Duration.ofSeconds(90);

    private static LlmSimulator simulator;
    private static LocalStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void startStack() {
        simulator = LlmSimulator.start();
        stack = LocalStack.start(System.out::println);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void shouldEnrichEveryRowAndStopCleanlyOnSigterm() throws Exception {
        SourceTable table = SampleEncounters.generate("run_cli", ROWS, 11L);
        new CapturedTables(stack.postgres()).create(table);
        stack.broker().createTopics(2, table.cdcTopic(), table.enrichedTopic());
        String applicationId = "cognitive-cdc-run-cli";
        Path config = writeConfig(DemoPipeline.definition(table), applicationId, "");
        EnrichedTableReader enriched = new EnrichedTableReader(stack.postgres(), table.enrichedTable(),
                table.primaryKey());

        try (LocalConnectors ignored = LocalConnectors.register(stack, table, table.enrichedTopic(), 2).awaitRunning();
             TopologyProcess topology = TopologyProcess.start(config, childEnvironment())) {
            topology.awaitRunning(START);
            topology.await("all " + ROWS + " rows in " + table.enrichedTable(), ENRICH,
                    () -> enriched.count() == ROWS);

            topology.destroy();

            assertThat(topology.waitFor(STOP)).as("exit code after SIGTERM; output:\n%s", topology.output()).isZero();
            assertThat(topology.output())
                    .contains("Settings from " + config + " (secrets masked):")
                    .contains("Running: application.id=" + applicationId + ", pipeline clinic-encounters, ["
                            + table.cdcTopic() + "] -> " + table.enrichedTopic())
                    .contains("Received SIGTERM: stopping")
                    .contains("Closing Kafka Streams (leaving the consumer group")
                    .contains("Kafka Streams closed in ")
                    .contains("Pipeline closed (models released)")
                    .contains("Stopped cleanly after SIGTERM")
                    .doesNotContain("not enriched", simulator.apiKey());
            assertThat(enriched.row(1)).containsKeys("category", "summary")
                    .containsEntry("enriched_by",
                            "visit_type=azure-openai/clinic-simulator,note_summary=azure-openai/clinic-simulator");
            assertThat(groupMembers(applicationId)).as("members left in the consumer group").isEmpty();
        }
    }

    @Test
    void shouldStopCleanlyOnCtrlC() throws Exception {
        SourceTable table = SampleEncounters.generate("run_ctrl_c", 1, 1L);
        stack.broker().createTopics(1, table.cdcTopic(), table.enrichedTopic());
        Path config = writeConfig(DemoPipeline.definition(table), "cognitive-cdc-run-ctrl-c", "");

        try (TopologyProcess topology = TopologyProcess.start(config, childEnvironment(),
                List.of("--set", "num.stream.threads=2"))) {
            topology.awaitRunning(START);

            topology.interrupt();

            assertThat(topology.waitFor(STOP)).as("exit code after SIGINT; output:\n%s", topology.output()).isZero();
            assertThat(topology.output())
                    .contains("(2 stream thread(s), exactly_once_v2)")
                    .contains("Received SIGINT: stopping")
                    .contains("Stopped cleanly after SIGINT");
        }
    }

    @Test
    void shouldExitOneWhenKafkaStreamsDies() throws Exception {
        SourceTable table = SampleEncounters.generate("run_dies", 1, 1L);
        stack.broker().createTopics(1, table.cdcTopic(), table.enrichedTopic());
        // Quick metadata refreshes, so that the consumer notices the deleted topic at once.
        Path config = writeConfig(DemoPipeline.definition(table), "cognitive-cdc-run-dies",
                "consumer.metadata.max.age.ms=1000\n");

        try (TopologyProcess topology = TopologyProcess.start(config, childEnvironment())) {
            topology.awaitRunning(START);

            try (Admin admin = stack.broker().admin()) {
                admin.deleteTopics(List.of(table.cdcTopic())).all().get(30, TimeUnit.SECONDS);
            }

            assertThat(topology.waitFor(Duration.ofMinutes(3))).as("exit code; output:\n%s", topology.output())
                    .isEqualTo(1);
            assertThat(topology.output())
                    .contains("error: the topology stopped: Kafka Streams is ")
                    .contains("Closing Kafka Streams (leaving the consumer group")
                    .contains("Pipeline closed (models released)");
        }
    }

    @Test
    void shouldExitTwoNamingAMissingSourceTopicAndHowToCreateIt() throws IOException {
        Path config = writeConfig(RunCommandTest.PIPELINE
                        .replace("cdc.public.tickets", "cdc.public.absent")
                        .replace("cdc.enriched.tickets", "cdc.enriched.absent"),
                "cognitive-cdc-absent", "");

        RunCommandTest.Result result = RunCommandTest.run(registryEnvironment(), "run", "--config", config.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err())
                .contains("Kafka at " + stack.broker().bootstrapServers() + " is not ready for pipeline tickets")
                .contains("source topic cdc.public.absent does not exist")
                .contains("Debezium creates a CDC topic when its source connector starts")
                .contains("kafka-topics.sh --bootstrap-server " + stack.broker().bootstrapServers()
                        + " --create --topic cdc.public.absent --partitions ");
        assertThat(result.log()).as("the broker auto-creates the enriched topic")
                .contains("Enriched topic cdc.enriched.absent does not exist yet; the broker creates it on the first "
                        + "write");
    }

    @Test
    void shouldFindEverythingReadyWithCheckOnly() throws IOException {
        stack.broker().createTopics(3, "cdc.public.ready", "cdc.enriched.ready");
        Path config = writeConfig(RunCommandTest.PIPELINE
                        .replace("cdc.public.tickets", "cdc.public.ready")
                        .replace("cdc.enriched.tickets", "cdc.enriched.ready"),
                "cognitive-cdc-ready", "");

        RunCommandTest.Result result = RunCommandTest.run(registryEnvironment(), "run", "--config", config.toString(),
                "--check-only");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains(config + ": ready to run pipeline tickets as cognitive-cdc-ready");
        assertThat(result.log())
                .contains("cdc.public.ready (3 partitions), cdc.enriched.ready (3 partitions)")
                .contains("Schema registry at " + stack.registry().v3Url() + " answers");
    }

    @Test
    void shouldExitOneWhenTheSchemaRegistryCannotBeReached() throws IOException {
        stack.broker().createTopics(1, "cdc.public.noregistry", "cdc.enriched.noregistry");
        Path config = writeConfig(RunCommandTest.PIPELINE
                        .replace("cdc.public.tickets", "cdc.public.noregistry")
                        .replace("cdc.enriched.tickets", "cdc.enriched.noregistry"),
                "cognitive-cdc-noregistry", "");

        RunCommandTest.Result result = RunCommandTest.run(
                Map.of("TEST_SCHEMA_REGISTRY_URL", "http://127.0.0.1:1/apis/registry/v3"),
                "run", "--config", config.toString(), "--kafka-timeout", "PT5S");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("error: cannot reach the schema registry at http://127.0.0.1:1/apis/registry/v3");
    }

    private Path writeConfig(String pipeline, String applicationId, String extra) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(folder.resolve("pipeline.yaml"), pipeline);
        return Files.writeString(folder.resolve("cognitive-cdc.properties"), """
                # cognitive-cdc run settings, as an operator would write them
                bootstrap.servers=%s
                application.id=%s
                state.dir=%s
                pipeline.file=pipeline.yaml
                schema.registry.url=${env:TEST_SCHEMA_REGISTRY_URL}
                # a restart on one machine should not wait ~45 s for the previous member's session to expire
                consumer.session.timeout.ms=10000
                consumer.heartbeat.interval.ms=1000
                """.formatted(stack.broker().bootstrapServers(), applicationId, dir.resolve("state")) + extra);
    }

    private static Map<String, String> registryEnvironment() {
        return Map.of("TEST_SCHEMA_REGISTRY_URL", stack.registry().v3Url());
    }

    private static Map<String, String> childEnvironment() {
        return Map.of(
                "COGNITIVE_CDC_LLM", "simulated",
                "LLM_SIMULATOR_ENDPOINT", simulator.endpoint(),
                "LLM_SIMULATOR_API_KEY", simulator.apiKey(),
                "TEST_SCHEMA_REGISTRY_URL", stack.registry().v3Url());
    }

    private static List<String> groupMembers(String applicationId) throws Exception {
        try (Admin admin = stack.broker().admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId)).all()
                    .get(30, TimeUnit.SECONDS).get(applicationId);
            return group.members().stream().map(m -> m.consumerId()).toList();
        }
    }
}
