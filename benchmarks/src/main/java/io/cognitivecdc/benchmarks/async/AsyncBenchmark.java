package io.cognitivecdc.benchmarks.async;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code cognitive-cdc bench async}: the asynchronous enrichment processor on the in-process Kafka broker, every cell
 * the real topology ({@code EnrichmentApplication}: exactly-once v2, commit 100 ms) on fresh topics of 2 partitions
 * (2 tasks, one stream thread).
 * <ul>
 *   <li>P1, against the LLM simulator through the Azure OpenAI provider: drain throughput at C = 256 rows in flight
 *       per task and L = 200 ms as a share of the limit {@code C × tasks / (steps × L)}, and the synchronous baseline
 *       at C = 1; the full run adds C = 64 and 1,024, two steps, and model calls per change on an update-heavy
 *       workload.</li>
 *   <li>P2, the processor's own cost: an in-process model that answers at once (no HTTP) against a pass-through
 *       topology with the same serdes and exactly-once, on the same broker.</li>
 *   <li>Heap with rows pending behind a stalled model.</li>
 * </ul>
 * Prints the table, then {@code RESULT limit_ratio=… passthrough_ratio=… sync_speedup=… pending_heap_mb=…}.
 */
public final class AsyncBenchmark {

    private static final Duration L = Duration.ofMillis(200);
    private static final int C = 256;
    private static final double SYNC_CAP_SECONDS = 30;
    private static final double P2_CAP_SECONDS = 60;

    private final AsyncOptions options;
    private final ThroughputCells cells;
    private final BenchBroker broker;
    private final AsyncReport report;

    private AsyncBenchmark(AsyncOptions options, BenchBroker broker, AsyncReport report) {
        this.options = options;
        this.broker = broker;
        this.cells = new ThroughputCells(broker);
        this.report = report;
    }

    /** Runs every cell, prints the table and the RESULT line; 0 on success. */
    public static int run(AsyncOptions options, PrintStream out) {
        long started = System.nanoTime();
        out.printf(Locale.ROOT, "cognitive-cdc bench async%s: %d partitions -> %d tasks, num.stream.threads=1, "
                        + "exactly_once_v2, commit 100 ms; P1 through the LLM simulator, P2 in-process model vs "
                        + "pass-through%n", options.quick() ? " --quick" : "", BenchBroker.PARTITIONS,
                BenchBroker.PARTITIONS);
        AsyncReport report = new AsyncReport(out);
        try (BenchBroker broker = new BenchBroker()) {
            new AsyncBenchmark(options, broker, report).runCells();
        }
        report.print((System.nanoTime() - started) / 1e9);
        return 0;
    }

    private void runCells() {
        ThroughputCells.Enriched atLimit = options.runs("p1") ? p1Throughput() : null;
        ThroughputCells.Enriched sync = options.runs("sync") ? simulated(new ThroughputCells.Spec("P1 sync baseline",
                1, 1, L, options.quick() ? 60 : 150, SYNC_CAP_SECONDS)) : null;
        P2 p2 = options.runs("p2") ? p2() : null;
        report.result("limit_ratio", atLimit == null ? null : atLimit.ratio());
        report.result("passthrough_ratio", p2 == null ? null : p2.enriched() / p2.passThrough());
        report.result("sync_speedup", atLimit == null || sync == null ? null
                : atLimit.drain().rate() / sync.drain().rate());
        report.result("pending_heap_mb", null); // stays na unless a pending cell has 10,000 rows
        ceilings(atLimit, p2);
        if (options.runs("pending")) {
            pending();
        }
        if (!options.quick() && options.runs("update")) {
            UpdateHeavyCell.Calls calls = new UpdateHeavyCell(broker).measure();
            report.add(calls);
            report.result("calls_per_change", calls.perChange());
        }
    }

    /** The P1 throughput cells; returns the one the RESULT line reports, C = 256 at L = 200 ms, one step. */
    private ThroughputCells.Enriched p1Throughput() {
        ThroughputCells.Enriched atLimit = null;
        for (int inFlight : options.quick() ? List.of(C) : List.of(64, C, 1024)) {
            ThroughputCells.Enriched cell = simulated(throughputSpec(1, inFlight));
            if (inFlight == C) {
                atLimit = cell;
            }
        }
        if (!options.quick()) {
            simulated(throughputSpec(2, C));
        }
        return atLimit;
    }

    /** Enough rows to last {@code cellSeconds} at the limit (1,000 to 200,000). */
    private ThroughputCells.Spec throughputSpec(int steps, int inFlight) {
        double limit = ThroughputCells.Spec.limit(inFlight, BenchBroker.PARTITIONS, steps, L);
        long rows = Math.max(1_000, Math.min(200_000, (long) (limit * options.cellSeconds())));
        return new ThroughputCells.Spec("P1 throughput", steps, inFlight, L, rows, options.capSeconds());
    }

    private ThroughputCells.Enriched simulated(ThroughputCells.Spec spec) {
        try (SimulatedModel model = new SimulatedModel(spec.latency())) {
            ThroughputCells.Enriched cell = cells.enrich(spec, model);
            report.add(cell);
            return cell;
        }
    }

    /** What P2 measured, in rows/s. */
    private record P2(double enriched, double passThrough, double durableState) {
    }

    /**
     * P2: the in-process model, the pass-through and the pass-through with the processor's durable state writes
     * (its ceiling), on the same number of rows.
     */
    private P2 p2() {
        long rows = options.quick() ? 20_000 : 60_000;
        ThroughputCells.Enriched enriched;
        try (InProcessModel model = InProcessModel.answering()) {
            enriched = cells.enrich(new ThroughputCells.Spec("P2 zero latency", 1, C, Duration.ZERO, rows,
                    P2_CAP_SECONDS), model);
        }
        report.add(enriched);
        Drain passThrough = cells.passThrough(rows, P2_CAP_SECONDS);
        report.addPassThrough(rows, passThrough);
        Drain durableState = cells.durableState(rows, P2_CAP_SECONDS);
        report.addStateCeiling(rows, durableState);
        return new P2(enriched.drain().rate(), passThrough.rate(), durableState.rate());
    }

    /**
     * How close each target gets to what this machine allows: P1 against the model path alone (C x tasks callers, no
     * Kafka), P2 against the pass-through with the processor's state writes.
     */
    private void ceilings(ThroughputCells.Enriched atLimit, P2 p2) {
        if (atLimit != null) {
            HttpCeilingCell.Ceiling ceiling = HttpCeilingCell.measure(C * BenchBroker.PARTITIONS, L,
                    Duration.ofSeconds(options.quick() ? 5 : 15));
            report.add(ceiling);
            report.result("p1_ceiling_ratio", ceiling.ratio());
            report.result("limit_of_ceiling", atLimit.ratio() / ceiling.ratio());
        }
        if (p2 != null) {
            report.result("p2_ceiling_passthrough_ratio", p2.durableState() / p2.passThrough());
            report.result("passthrough_of_ceiling", p2.enriched() / p2.durableState());
        }
    }

    private void pending() {
        PendingCell cell = new PendingCell(broker);
        for (int rows : options.pendingRows()) {
            PendingCell.Pending pending = cell.measure(rows);
            report.add(pending);
            if (rows == 10_000) {
                report.result("pending_heap_mb", pending.heapMb());
            } else if (rows == 1_000_000) {
                report.result("pending_1m_heap_mb", pending.heapMb());
                report.result("pending_1m_rss_mb", pending.rssMb());
            }
        }
    }
}
