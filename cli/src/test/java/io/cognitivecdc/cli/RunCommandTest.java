package io.cognitivecdc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cognitive-cdc run} up to the point where it needs a cluster: settings, pipeline definition, and a Kafka that
 * does not answer. Exit 2 for what the operator must fix in the files, 1 when Kafka cannot be reached.
 */
class RunCommandTest {

    static final String PIPELINE = """
            name: tickets
            source: { topics: [cdc.public.tickets] }
            enriched: { topic: cdc.enriched.tickets }
            providers:
              local: { type: local, preload: false }
            steps:
              - name: kind
                type: classifier
                provider: local
                inputs: { text: raw.body }
                taxonomy:
                  - { name: billing, definition: Questions about invoices and payments }
                  - { name: outage, definition: A service is down or unreachable }
            columns:
              kind: processed.kind.category
            """;

    /** Port 1 on loopback: nothing listens there, connections are refused at once. */
    static final String SETTINGS = """
            bootstrap.servers=127.0.0.1:1
            application.id=enrich-tickets
            pipeline.file=pipeline.yaml
            schema.registry.url=http://127.0.0.1:1/apis/registry/v3
            security.protocol=SASL_PLAINTEXT
            sasl.mechanism=PLAIN
            sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="enricher" password="${env:KAFKA_PASSWORD}";
            """;

    @TempDir
    Path dir;

    record Result(int exit, String out, String err, String log) {
    }

    private Path write(String settings, String pipeline) throws IOException {
        Files.writeString(dir.resolve("pipeline.yaml"), pipeline);
        return Files.writeString(dir.resolve("run.properties"), settings);
    }

    static Result run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        int exit;
        // Logs go to System.err (logback's console appender looks it up on every write). Redirect it before making
        // the command line: picocli replaces its err writer when System.err changed since.
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            CommandLine commandLine = CognitiveCdc.commandLine();
            commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            ((RunCommand) commandLine.getSubcommands().get("run").getCommand()).environment = environment::get;
            exit = commandLine.execute(args);
        } finally {
            System.setErr(originalErr);
        }
        Result result = new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                log.toString(StandardCharsets.UTF_8));
        System.out.println(result.out() + result.err() + result.log());
        return result;
    }

    @Test
    void shouldRequireTheConfigOption() {
        Result result = run(Map.of(), "run");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--config=FILE'");
    }

    @Test
    void shouldListTheExitCodesInItsHelp() {
        Result result = run(Map.of(), "run", "--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .contains("--config=FILE", "--set=KEY=VALUE", "--kafka-timeout=DURATION", "--close-timeout=DURATION",
                        "--check-only", "${env:NAME}", "pipeline.file", "schema.registry.url")
                .containsPattern("Exit codes:\\s+0 +stopped cleanly after SIGTERM")
                .containsPattern("\\n  1 +the topology stopped by itself")
                .containsPattern("\\n  2 +wrong settings, an invalid pipeline definition");
    }

    @Test
    void shouldExitTwoForAMissingSettingsFile() {
        Result result = run(Map.of(), "run", "--config", dir.resolve("missing.properties").toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("missing.properties: no such readable file");
    }

    @Test
    void shouldExitTwoNamingFileKeyAndVariableOfAMissingEnvironmentVariable() throws IOException {
        Path config = write(SETTINGS, PIPELINE);

        Result result = run(Map.of(), "run", "--config", config.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("error: " + config + ": sasl.jaas.config refers to ${env:KAFKA_PASSWORD}, "
                + "but environment variable KAFKA_PASSWORD is not set");
    }

    @Test
    void shouldExitTwoNamingAMissingRequiredSetting() throws IOException {
        Path config = write(SETTINGS.replace("application.id=enrich-tickets\n", ""), PIPELINE);

        Result result = run(Map.of("KAFKA_PASSWORD", "pw"), "run", "--config", config.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains(config + ": application.id is missing; set it to");
    }

    @Test
    void shouldExitTwoNamingTheKeyOfAWrongValue() throws IOException {
        Path config = write(SETTINGS, PIPELINE);

        Result result = run(Map.of("KAFKA_PASSWORD", "pw"), "run", "--config", config.toString(),
                "--set", "schema.registry.url=http://registry:8080/apis/registry/v2");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value http://registry:8080/apis/registry/v2 for configuration "
                + "schema.registry.url: must end with /apis/registry/v3");
    }

    @Test
    void shouldExitTwoForAMalformedSet() throws IOException {
        Path config = write(SETTINGS, PIPELINE);

        Result result = run(Map.of("KAFKA_PASSWORD", "pw"), "run", "--config", config.toString(), "--set", "=4");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--set '=4': expected KEY=VALUE");
    }

    @Test
    void shouldExitTwoWithEveryProblemOfAnInvalidPipelineDefinition() throws IOException {
        Path config = write(SETTINGS, PIPELINE
                .replace("definition: A service is down or unreachable", "definitoin: A service is down")
                .replace("kind: processed.kind.category", "kind: processed.kinds.category"));

        Result result = run(Map.of("KAFKA_PASSWORD", "pw"), "run", "--config", config.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err())
                .contains(dir.resolve("pipeline.yaml") + ": 3 problems")
                .contains("steps[0].taxonomy[1].definition: missing; it is required")
                .contains("columns.kind: reads processed.kinds, but there is no step named 'kinds'");
    }

    @Test
    void shouldExitOneWhenKafkaCannotBeReachedAndLogTheSettingsWithSecretsMasked() throws IOException {
        Path config = write(SETTINGS, PIPELINE);

        long t0 = System.nanoTime();
        Result result = run(Map.of("KAFKA_PASSWORD", "hunter2"), "run", "--config", config.toString(),
                "--kafka-timeout", "2s", "--set", "num.stream.threads=2");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("error: cannot reach Kafka at 127.0.0.1:1: no answer to 'describe the "
                + "cluster' within 2 s").contains("bootstrap.servers").contains(config.toString());
        assertThat((System.nanoTime() - t0) / 1_000_000_000).as("seconds until it gave up").isLessThan(30);
        assertThat(result.log())
                .contains("Settings from " + config + " (secrets masked):")
                .contains("  sasl.jaas.config = ********")
                .contains("  pipeline.file = " + dir.resolve("pipeline.yaml"))
                .contains("  num.stream.threads = 2   (--set)")
                .doesNotContain("hunter2");
    }
}
