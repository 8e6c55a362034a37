package io.cognitivecdc.benchmarks;

import io.cognitivecdc.benchmarks.async.AsyncBenchmark;
import io.cognitivecdc.benchmarks.async.AsyncOptions;
import io.cognitivecdc.benchmarks.localmodels.LocalModelBenchmark;
import io.cognitivecdc.benchmarks.localmodels.LocalModelOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cognitive-cdc bench}: the benchmarks behind docs/performance.md; each ends with one RESULT line.
 *
 * <p>Its own entry point on the benchmarks module's classpath, so that the shipped CLI carries neither the benchmarks
 * nor what they need (the test driver, fixtures); the launcher hands {@code ./cognitive-cdc bench …} to it. Each
 * benchmark parses its own options, so that {@code java -cp … BenchMain async --quick} and the launcher agree.
 */
@Command(name = "cognitive-cdc bench",
        description = "Runs a benchmark and prints its table and one RESULT line.",
        subcommands = {BenchMain.LocalModels.class, BenchMain.Async.class, BenchMain.Quota.class})
public final class BenchMain implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: a bad option or a failed benchmark is one line on stderr, not a stack trace. */
    static CommandLine commandLine() {
        return new CommandLine(new BenchMain()).setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A benchmark command: everything after its name, options included, goes to the benchmark's own parser. */
    abstract static class Benchmark implements Callable<Integer> {

        @Unmatched
        List<String> options = new ArrayList<>();

        @Override
        public Integer call() {
            return run(options.toArray(String[]::new));
        }

        /** Runs the benchmark with these arguments; its exit code. */
        abstract int run(String[] args);
    }

    /** {@code bench local-models}: throughput, accuracy and memory of the local DJL models. */
    @Command(name = "local-models",
            mixinStandardHelpOptions = true,
            description = {
                    "Classifies and summarizes held-out clinic notes with the local models (all-MiniLM-L6-v2, DJL):",
                    "rows/s with 1 and N threads, accuracy with the examples and with definitions only, heap and RSS.",
                    "Options: --quick (200 rows), --rows N (default 1000), --threads N (default 2),",
                    "--examples LOCATION, --max-length N."})
    static final class LocalModels extends Benchmark {

        @Override
        int run(String[] args) {
            return LocalModelBenchmark.run(LocalModelOptions.parse(args), System.out);
        }
    }

    /** {@code bench async}: the enrichment processor in isolation (P2) and against the LLM simulator (P1). */
    @Command(name = "async",
            mixinStandardHelpOptions = true,
            description = {
                    "Runs the enrichment topology on the in-process Kafka broker. P1: drain throughput against the",
                    "LLM simulator vs the in-flight limit C x tasks / (steps x L), and the synchronous baseline (C=1);",
                    "the full run adds C=64 and C=1024, 2 steps, and model calls per change on an update-heavy load.",
                    "P2: an in-process model that answers at once vs a pass-through topology with the same serdes",
                    "and exactly-once. Ceilings: the model path alone (no Kafka) for P1, a pass-through with the",
                    "processor's state writes for P2. Heap with rows pending behind a stalled model.",
                    "Options: --quick (C=256 and C=1 only, shorter cells, 10,000 pending rows), --cell-seconds S,",
                    "--pending-rows N[,N] (default 10000,1000000), --only GROUP[,GROUP] (p1, sync, p2, pending,",
                    "update)."})
    static final class Async extends Benchmark {

        @Override
        int run(String[] args) {
            return AsyncBenchmark.run(AsyncOptions.parse(args), System.out);
        }
    }

    /** {@code bench quota}: the share of a provider's quota the pipeline sustains, and the 429s it provokes. */
    @Command(name = "quota",
            mixinStandardHelpOptions = true,
            description = {
                    "Runs the enrichment topology (TopologyTestDriver, 2 steps, 256 rows in flight) against the LLM",
                    "simulator enforcing requests and tokens per sliding minute, through the Azure OpenAI provider",
                    "with the same quota in its resilience settings: answered requests per minute after a warm-up as a",
                    "share of min(rpm, tpm / tokens per request), and the share of 429s. Exit 1 if a target is missed.",
                    "Options: --quick (10 s warm-up, 20 s measured), --minutes M (default 3), --warmup-seconds S",
                    "(default 60), --rpm N (default 1200), --tpm N (default 250000)."})
    static final class Quota extends Benchmark {

        @Override
        int run(String[] args) {
            return QuotaBenchmark.run(QuotaBenchmark.Options.parse(args), System.out);
        }
    }
}
