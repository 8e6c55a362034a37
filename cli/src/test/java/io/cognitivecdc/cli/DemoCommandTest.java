package io.cognitivecdc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cognitive-cdc demo --exit-when-done} as a user runs it: its own embedded stack, sample rows, live changes,
 * exit code 0 and one RESULT line whose counts match what was loaded and changed.
 */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldEnrichEveryRowApplyLiveChangesAndExitZero() {
        String output = runDemo("--rows", "60", "--updates", "4", "--deletes", "2", "--partitions", "2");

        assertThat(resultLine(output))
                .startsWith("RESULT enriched=60 failed=0 updated=4 deleted=2 llm=local elapsed_s=")
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
        assertThat(resultLine(output)).startsWith("RESULT enriched=3 failed=0 updated=1 deleted=1 ");
    }

    @Test
    void shouldEnrichWithTheSimulatedModel() {
        String output = runDemo("--rows", "20", "--llm", "simulated", "--updates", "1", "--deletes", "1");

        assertThat(output).contains("LLM simulator    at http://127.0.0.1:")
                .contains("enriched_by=visit_type=azure-openai/clinic-simulator");
        assertThat(resultLine(output)).startsWith("RESULT enriched=20 failed=0 updated=1 deleted=1 llm=simulated ");
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
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var commandLine = CognitiveCdc.commandLine();
        commandLine.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));

        int exit = commandLine.execute("demo", "--source-csv", "/no/such/file.csv");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--source-csv /no/such/file.csv: no such readable file");
    }

    @Test
    void shouldNameTheChoicesOfAnUnknownModel() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var commandLine = CognitiveCdc.commandLine();
        commandLine.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));

        int exit = commandLine.execute("demo", "--llm", "gpt5");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("'gpt5' is not a model choice; choose one of [local, simulated, azure]");
    }
}
