package io.cognitivecdc.cli;

import io.cognitivecdc.benchmarks.AsyncBenchmark;
import io.cognitivecdc.benchmarks.LocalModelBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code cognitive-cdc bench}: the benchmarks behind docs/performance.md; each ends with one RESULT line. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Runs a benchmark and prints its table and one RESULT line.",
        subcommands = {BenchCommand.LocalModels.class, BenchCommand.Async.class})
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

    /** {@code bench async}: the asynchronous enrichment processor on the in-process broker and the LLM simulator. */
    @Command(name = "async",
            mixinStandardHelpOptions = true,
            description = {
                    "Runs the enrichment topology on the in-process Kafka broker against the LLM simulator: drain",
                    "throughput vs the in-flight limit, the synchronous baseline, overhead vs a pass-through, heap",
                    "with a stalled model, model calls per change on an update-heavy workload.",
                    "Options: --quick (C=256 only, shorter cells, 10,000 pending rows only), --cell-seconds S,",
                    "--pending-rows N[,N] (default 10000,1000000)."})
    static final class Async implements Callable<Integer> {

        /** Everything after {@code async}, options included, goes to the benchmark's own parser. */
        @Unmatched
        List<String> options = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            return AsyncBenchmark.run(AsyncBenchmark.Options.parse(options.toArray(String[]::new)), System.out);
        }
    }
}
