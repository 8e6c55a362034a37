package io.cognitivecdc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cognitive-cdc replay} up to the point where it needs a cluster: its options, the settings file, and a Kafka
 * that does not answer. Everything an operator must fix exits 2 and names the option or file.
 */
class ReplayCommandTest {

    /**
     * The settings of a running instance. Port 1 on loopback: nothing listens there, connections are refused at
     * once. The pipeline file is not there: replay does not read it.
     */
    static final String SETTINGS = """
            bootstrap.servers=127.0.0.1:1
            application.id=enrich-tickets
            pipeline.file=not-on-this-machine.yaml
            schema.registry.url=http://127.0.0.1:1/apis/registry/v3
            """;

    @TempDir
    Path dir;

    private Path write(String settings) throws IOException {
        return Files.writeString(dir.resolve("run.properties"), settings);
    }

    private static RunCommandTest.Result replay(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "replay";
        System.arraycopy(args, 0, all, 1, args.length);
        return RunCommandTest.run(Map.of(), all);
    }

    @Test
    void shouldBeACommandOfCognitiveCdc() {
        RunCommandTest.Result result = RunCommandTest.run(Map.of(), "--help");

        assertThat(result.out()).containsPattern("\\n  replay +Replays dead letters");
    }

    @Test
    void shouldExplainTheOutcomesFiltersAndExitCodesInItsHelp() {
        RunCommandTest.Result result = replay("--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .contains("--config=FILE", "--set=KEY=VALUE", "--step=STEP[,STEP...]", "--error-type=TYPE[,TYPE...]",
                        "--since=TIME", "--until=TIME", "--key=KEY", "--limit=N", "--dry-run", "--timeout=DURATION",
                        "--kafka-timeout=DURATION", "${env:NAME}", "<application.id>.dead-letter")
                .containsPattern("\\n  replayed +enriched and written to the enriched topic")
                .containsPattern("\\n  stale +not replayed")
                .containsPattern("\\n  failed again +failed once more")
                .containsPattern("\\n  pending +no outcome yet")
                .contains("RESULT selected=N replayed=N stale=N failed_again=N pending=N")
                .containsPattern("Exit codes:\\s+0 +every selected dead letter was replayed or is stale")
                .containsPattern("\\n  1 +a dead letter failed again, is still pending")
                .containsPattern("\\n  2 +wrong options or settings");
    }

    @Test
    void shouldRequireTheConfigOption() {
        RunCommandTest.Result result = replay("--dry-run");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--config=FILE'");
    }

    @Test
    void shouldExitTwoForATimeThatIsNeitherAnInstantNorADuration() throws IOException {
        RunCommandTest.Result result = replay("--config", write(SETTINGS).toString(), "--since", "yesterday");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--since': 'yesterday' is neither an ISO-8601 "
                + "instant such as 2026-11-21T08:00:00Z nor a duration such as 90s, 30m, 2h");
    }

    @Test
    void shouldExitTwoWhenSinceIsNotBeforeUntil() throws IOException {
        RunCommandTest.Result result = replay("--config", write(SETTINGS).toString(), "--since", "1h", "--until",
                "2h");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).containsPattern("--since \\(\\S+\\) must be before --until \\(\\S+\\)");
    }

    @Test
    void shouldExitTwoForALimitBelowOne() throws IOException {
        RunCommandTest.Result result = replay("--config", write(SETTINGS).toString(), "--limit", "0");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--limit must be 1 or more, not 0");
    }

    @Test
    void shouldExitTwoForAKeyThatIsNoRowKey() throws IOException {
        RunCommandTest.Result result = replay("--config", write(SETTINGS).toString(), "--key", "[1,2]");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--key': '[1,2]' is not a row key; give it as a "
                + "JSON object of the primary-key columns, e.g. {\"id\":42}");
    }

    @Test
    void shouldExitTwoForATimeoutThatIsNoDuration() throws IOException {
        RunCommandTest.Result result = replay("--config", write(SETTINGS).toString(), "--timeout", "soon");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--timeout': 'soon' is not a duration");
    }

    @Test
    void shouldExitTwoNamingTheFileAndAMissingSetting() throws IOException {
        Path config = write(SETTINGS.replace("application.id=enrich-tickets\n", ""));

        RunCommandTest.Result result = replay("--config", config.toString(), "--dry-run");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains(config + ": application.id is missing; set it to");
    }

    @Test
    void shouldExitTwoWhenKafkaCannotBeReachedHavingIgnoredThePipelineFile() throws IOException {
        Path config = write(SETTINGS);

        long t0 = System.nanoTime();
        RunCommandTest.Result result = replay("--config", config.toString(), "--kafka-timeout", "2s");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("error: cannot reach Kafka at 127.0.0.1:1: no answer about topic "
                + "enrich-tickets.dead-letter within 2s").contains(config.toString());
        assertThat((System.nanoTime() - t0) / 1_000_000_000).as("seconds until it gave up").isLessThan(30);
    }
}
