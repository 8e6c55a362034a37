package io.cognitivecdc.localstack.demo;

import io.cognitivecdc.localstack.LocalStack;
import io.cognitivecdc.localstack.ProcessMemory;
import io.cognitivecdc.localstack.Shutdown;
import io.cognitivecdc.localstack.pipeline.LocalPipeline;
import io.cognitivecdc.localstack.postgres.CapturedTables;
import io.cognitivecdc.localstack.postgres.EnrichedTableReader;
import io.cognitivecdc.localstack.postgres.SourceTable;
import org.apache.kafka.streams.StreamsConfig;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * The whole pipeline on this machine: starts the local stack, loads a source table, streams it through Debezium, the
 * topology and the JDBC sink, then makes a few live updates and deletes and waits until the enriched table shows them.
 * It prints progress, a sample of the enriched table, and one {@code RESULT} line; then it keeps running for the
 * user's own changes until interrupted, unless told to exit when done. With the simulated model it can inject faults
 * during the initial load, and then tells how to replay the rows they failed.
 */
public final class Demo {

    private static final long SAMPLE_SEED = 20261121L;

    private final DemoOptions options;
    private final PrintStream out;

    public Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the demo; returns the process exit code. */
    public int run() throws InterruptedException {
        SourceTable table = sourceTable();
        out.println("cognitive-cdc demo: " + table.rows().size() + " rows of " + table.qualifiedName()
                + ", enriching column '" + table.textColumn() + "' with the " + options.llm().providerName() + " model");
        Models models = Models.start(options, table, out);
        LocalStack stack = startStack(models);
        LocalPipeline pipeline = null;
        FaultWindow faults = null;
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            CapturedTables tables = new CapturedTables(stack.postgres());
            tables.create(table);
            long t0 = System.nanoTime();
            faults = FaultWindow.open(options, models.simulator(), out);
            // Set here rather than left to LocalPipeline, because the replay settings name it.
            String applicationId = "cognitive-cdc-demo-" + table.name();
            pipeline = startPipeline(stack, table, models, applicationId);
            EnrichedTableReader enriched = new EnrichedTableReader(stack.postgres(), table.enrichedTable(),
                    table.primaryKey());
            InitialLoad load = awaitInitialLoad(pipeline, enriched, table.rows().size(), t0);
            if (load.failed() > 0) {
                printReplayHint(load.failed(), new ReplaySettings(stack.broker().bootstrapServers(), applicationId,
                        stack.registry().v3Url()));
            }
            faults.initialLoadDone();
            LiveChanges changes = applyLiveChanges(tables, table, enriched);
            printSample(enriched);
            printResult(stack, load, changes, (System.nanoTime() - t0) / 1e9);
            if (!options.exitWhenDone()) {
                keepRunning(stack, table, enriched, stopped);
            }
            return 0;
        } finally {
            out.println("Stopping");
            try {
                Shutdown.inOrder(faults, pipeline, stack, models);
            } finally {
                stopped.countDown();
            }
        }
    }

    /** How the initial load went: of {@code rows}, {@code failed} went to the dead-letter topic. */
    private record InitialLoad(int rows, int failed, double seconds) {
        int enriched() {
            return rows - failed;
        }
    }

    private SourceTable sourceTable() {
        return options.sourceCsv() != null
                ? CsvSourceTable.load(options.sourceCsv(), options.textColumn())
                : SampleEncounters.generate(options.sampleRows(), SAMPLE_SEED);
    }

    /** Starts the stack; the models are already running, so a stack that cannot start must not leave them behind. */
    private LocalStack startStack(Models models) {
        out.println("Starting the local stack (PostgreSQL standing in for SQL Server, Kafka, schema registry, Connect)");
        try {
            return LocalStack.start(out::println);
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
    }

    private LocalPipeline startPipeline(LocalStack stack, SourceTable table, Models models, String applicationId) {
        LocalPipeline pipeline = LocalPipeline.start(stack, table, options.partitions(), models.pipeline(),
                Map.of(StreamsConfig.APPLICATION_ID_CONFIG, applicationId));
        out.println("Pipeline running: " + table.cdcTopic() + " -> topology -> " + table.enrichedTopic()
                + " -> JDBC sink -> table " + table.enrichedTable());
        return pipeline;
    }

    /** Waits until every source row is either in the enriched table or dead-lettered, then says how many of each. */
    private InitialLoad awaitInitialLoad(LocalPipeline pipeline, EnrichedTableReader enriched, int rows, long t0)
            throws InterruptedException {
        awaitWithProgress("initial load",
                () -> enriched.count() + pipeline.failures().failures().size() >= rows,
                () -> "enriched " + enriched.count() + "/" + rows + failedSuffix(pipeline));
        double seconds = (System.nanoTime() - t0) / 1e9;
        InitialLoad load = new InitialLoad(rows, pipeline.failures().failures().size(), seconds);
        out.printf("%d of %d rows enriched in %.1f s%s%n", load.enriched(), rows, seconds,
                load.failed() == 0 ? "" : ", " + load.failed() + " could not be enriched (see the log)");
        return load;
    }

    /** Updates and deletes a few source rows, then waits until the enriched table shows every change. */
    private LiveChanges applyLiveChanges(CapturedTables tables, SourceTable table, EnrichedTableReader enriched)
            throws InterruptedException {
        LiveChanges changes = LiveChanges.plan(table, options.liveUpdates(), options.liveDeletes());
        changes.apply(tables, table, enriched);
        out.println("Live changes made in the source table: " + changes.describe());
        awaitWithProgress("live changes", () -> changes.visibleIn(enriched), () -> changes.progress(enriched));
        out.println("Live changes are in the enriched table");
        return changes;
    }

    /** The one line scripts read; the GC first, so that the heap figure is what is live rather than garbage. */
    private void printResult(LocalStack stack, InitialLoad load, LiveChanges changes, double elapsed) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        out.printf("RESULT enriched=%d dead_lettered=%d updated=%d deleted=%d llm=%s elapsed_s=%.1f "
                        + "initial_load_s=%.1f startup_s=%.1f heap_mb=%d rss_mb=%d registry_rss_mb=%d%n",
                load.enriched(), load.failed(), changes.updated().size(), changes.deleted().size(),
                options.llm().providerName(), elapsed, load.seconds(),
                stack.startupMillis() / 1000.0, (rt.totalMemory() - rt.freeMemory()) >> 20,
                ProcessMemory.ownResidentMib(), stack.registry().residentMemoryMib());
    }

    /** Shows how to change the source table by hand, then reports the enriched table's size until Ctrl-C. */
    private void keepRunning(LocalStack stack, SourceTable table, EnrichedTableReader enriched,
                             CountDownLatch stopped) {
        out.println();
        out.println("The pipeline keeps running. Change the source table and watch the enriched table, e.g.:");
        out.println("  " + stack.postgres().psqlCommand() + " -c \"UPDATE " + table.qualifiedName() + " SET "
                + table.textColumn() + " = 'Patient seen in the emergency department with chest pain.' WHERE "
                + table.primaryKey() + " = " + table.rows().get(0).get(0) + "\"");
        out.println("  " + stack.postgres().psqlCommand() + " -c \"SELECT * FROM " + table.enrichedTable()
                + " ORDER BY " + table.primaryKey() + " LIMIT 5\"");
        out.println("Press Ctrl-C to stop.");
        interruptOnShutdown(stopped);
        watchUntilInterrupted(enriched);
    }

    /**
     * On Ctrl-C the JVM runs its shutdown hooks and then halts: this hook interrupts the calling thread, so that
     * {@link #run()} stops everything in order, and holds the JVM until {@code stopped} says it has.
     */
    private static void interruptOnShutdown(CountDownLatch stopped) {
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            main.interrupt();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown"));
    }

    private void printReplayHint(int failed, ReplaySettings settings) {
        String rows = failed + (failed == 1 ? " row is" : " rows are") + " in the dead-letter topic.";
        if (options.exitWhenDone()) {
            out.println(rows + " To replay them, run the demo without --exit-when-done: it keeps running and prints "
                    + "the replay command.");
            return;
        }
        out.println(rows + " Replay them into this running demo:");
        out.println("  ./cognitive-cdc replay --config " + settings.write() + " --dry-run   (without --dry-run to "
                + "replay them for real)");
    }

    private static String failedSuffix(LocalPipeline pipeline) {
        int failed = pipeline.failures().failures().size();
        return failed == 0 ? "" : ", " + failed + " failed";
    }

    private void watchUntilInterrupted(EnrichedTableReader enriched) {
        int last = enriched.count();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(2000);
                int now = enriched.count();
                if (now != last) {
                    out.println("enriched table now has " + now + " rows");
                    last = now;
                }
            }
        } catch (InterruptedException e) {
            // Ctrl-C: fall through to the orderly shutdown in run()
        }
    }

    private void awaitWithProgress(String phase, BooleanSupplier done, java.util.function.Supplier<String> progress)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(options.timeout());
        String last = "";
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(phase + " did not finish within " + options.timeout().toSeconds()
                        + " s (" + progress.get() + ")");
            }
            String now = progress.get();
            if (!now.equals(last)) {
                out.println("  " + now);
                last = now;
            }
            Thread.sleep(250);
        }
    }

    private void printSample(EnrichedTableReader enriched) {
        out.println("Sample of the enriched table:");
        for (Map<String, Object> row : enriched.firstRows(5)) {
            List<String> cells = new ArrayList<>();
            row.forEach((column, value) -> cells.add(column + "=" + abbreviate(Objects.toString(value))));
            out.println("  " + String.join(" | ", cells));
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
