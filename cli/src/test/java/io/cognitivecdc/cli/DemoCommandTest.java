package io.cognitivecdc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code cognitive-cdc demo --exit-when-done} as a user runs it: its own embedded stack, sample rows, live changes,
 * exit code 0 and one RESULT line whose counts match what was loaded and changed; and the usage errors, exit code 2.
 */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldEnrichEveryRowApplyLiveChangesAndExitZero() {
        String output = runDemo("--rows", "60", "--updates", "4", "--deletes", "2", "--partitions", "2");

        assertThat(resultLine(output))
                .startsWith("RESULT enriched=60 dead_lettered=0 updated=4 deleted=2 llm=local elapsed_s=")
                .containsPattern("startup_s=\\d+\\.\\d ")
                .containsPattern("rss_mb=\\d+");
        assertThat(output).contains("enriched_by=visit_type=local/all-minilm-l6-v2");
    }

    @Test
    void shouldEnrichRowsLoadedFromCsv() throws IOException {
        Path csv = Files.writeString(dir.resolve("support_tickets.csv"), """
                ticket_id,customer,body
                10,ACME,"Customer called the emergency line: the trauma unit's monitor is down."
                11,Globex,"Routine follow-up on last week's invoice question."
                12,Initech,"Printer jams again, admitted to the service queue."
                """);

        String output = runDemo("--source-csv", csv.toString(), "--updates", "1", "--deletes", "1");

        assertThat(output).contains("3 rows of public.support_tickets, enriching column 'body'");
        assertThat(resultLine(output)).startsWith("RESULT enriched=3 dead_lettered=0 updated=1 deleted=1 ");
    }

    @Test
    void shouldEnrichWithTheSimulatedModel() {
        String output = runDemo("--rows", "20", "--llm", "simulated", "--updates", "1", "--deletes", "1");

        assertThat(output).contains("LLM simulator    at http://127.0.0.1:")
                .contains("enriched_by=visit_type=azure-openai/clinic-simulator");
        assertThat(resultLine(output)).startsWith("RESULT enriched=20 dead_lettered=0 updated=1 deleted=1 llm=simulated ");
    }

    @Test
    void shouldCountTheRowsThatInjectedFaultsFailThenClearTheFaultsForTheLiveChanges() {
        // No live delete: with every row failed the sink has not created the enriched table yet, and the JDBC sink
        // task dies on a delete (tombstone) as the first record of a table it has not created.
        String output = runDemo("--rows", "10", "--llm", "simulated", "--faults", "content_filter=1.0",
                "--updates", "1", "--deletes", "0");

        assertThat(output).contains("LLM simulator faults on: content_filter=1.0, until the initial load is done")
                .contains("0 of 10 rows enriched in")
                .contains("10 rows are in the dead-letter topic. To replay them, run the demo without --exit-when-done")
                .contains("LLM simulator faults cleared now that the initial load is done");
        // The updated row failed in the initial load; its update reaches the enriched table because the faults ended.
        assertThat(resultLine(output)).startsWith("RESULT enriched=0 dead_lettered=10 updated=1 deleted=0 llm=simulated ");
    }

    private static String runDemo(String... options) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String[] args = Stream.concat(Stream.of("demo", "--exit-when-done", "--timeout", "PT3M"),
                    Stream.of(options)).toArray(String[]::new);
            exit = CognitiveCdc.commandLine().execute(args);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(exit).as("exit code").isZero();
        return output;
    }

    private static String resultLine(String output) {
        List<String> results = output.lines().filter(line -> line.startsWith("RESULT ")).toList();
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void shouldRefuseMissingCsvWithExitCodeTwo() {
        assertThat(usageError("--source-csv", "/no/such/file.csv"))
                .contains("--source-csv /no/such/file.csv: no such readable file");
    }

    @Test
    void shouldNameTheChoicesOfAnUnknownModel() {
        assertThat(usageError("--llm", "gpt5"))
                .contains("'gpt5' is not a model choice; choose one of [local, simulated, azure]");
    }

    static Stream<Arguments> faultUsageErrors() {
        return Stream.of(
                arguments(List.of("--llm", "simulated", "--faults", "content_filter=0.05,nonsense=0.1"),
                        List.of("option '--faults'", "unknown fault 'nonsense'; known: [rate_limit, server_error, "
                                + "unavailable, content_filter, content_filter_output, slow, invalid_json")),
                arguments(List.of("--llm", "simulated", "--faults", "content_filter=1.5"),
                        List.of("option '--faults'", "rate of content_filter must be in [0, 1], got 1.5")),
                arguments(List.of("--llm", "simulated", "--faults", "invalid_json=often"),
                        List.of("option '--faults'", "the rate of invalid_json must be a number from 0 to 1")),
                arguments(List.of("--llm", "simulated", "--faults", "invalid_json"),
                        List.of("option '--faults'", "'invalid_json' is not fault=rate")),
                arguments(List.of("--llm", "simulated", "--faults", "content_filter=0.6,invalid_json=0.6"),
                        List.of("option '--faults'", "fault rates add up to 1.2; at most 1 is possible")),
                arguments(List.of("--faults", "content_filter=0.05"),
                        List.of("--faults only applies with --llm simulated")),
                arguments(List.of("--llm", "simulated", "--faults-for", "90s"),
                        List.of("--faults-for only applies with --faults")),
                arguments(List.of("--llm", "simulated", "--faults", "content_filter=0.05", "--faults-for", "soon"),
                        List.of("option '--faults-for'",
                                "'soon' is not a duration; write e.g. 30s, 500ms, 2m, 1h30m or PT30S")),
                arguments(List.of("--llm", "simulated", "--faults", "content_filter=0.05", "--faults-for", "0s"),
                        List.of("--faults-for must be positive")));
    }

    @ParameterizedTest
    @MethodSource("faultUsageErrors")
    void shouldRefuseFaultOptionsThatCannotApplyWithExitCodeTwo(List<String> options, List<String> messages) {
        assertThat(usageError(options.toArray(String[]::new))).contains(messages);
    }

    /** Runs {@code demo} with {@code options}, expects exit code 2 and returns what it wrote to stderr. */
    private static String usageError(String... options) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var commandLine = CognitiveCdc.commandLine();
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));

        int exit = commandLine.execute(Stream.concat(Stream.of("demo"), Stream.of(options)).toArray(String[]::new));

        assertThat(exit).as("exit code").isEqualTo(2);
        return err.toString(StandardCharsets.UTF_8);
    }
}
