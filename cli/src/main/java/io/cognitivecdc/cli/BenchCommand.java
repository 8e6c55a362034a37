package io.cognitivecdc.cli;

import io.cognitivecdc.benchmarks.LocalModelBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code cognitive-cdc bench}: the benchmarks behind docs/performance.md; each ends with one RESULT line. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Runs a benchmark and prints its table and one RESULT line.",
        subcommands = {BenchCommand.LocalModels.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code bench local-models}: throughput, accuracy and memory of the local DJL models. */
    @Command(name = "local-models",
            mixinStandardHelpOptions = true,
            description = {
                    "Classifies and summarizes held-out clinic notes with the local models (all-MiniLM-L6-v2, DJL):",
                    "rows/s with 1 and N threads, accuracy with the examples and with definitions only, heap and RSS.",
                    "Options: --quick (200 rows), --rows N (default 1000), --threads N (default 2),",
                    "--examples LOCATION, --max-length N."})
    static final class LocalModels implements Callable<Integer> {

        @Parameters(arity = "0..*", paramLabel = "OPTION", description = "Passed to the benchmark (see above).")
        List<String> options = List.of();

        @Override
        public Integer call() {
            return LocalModelBenchmark.run(LocalModelBenchmark.Options.parse(options.toArray(String[]::new)), System.out);
        }
    }
}
