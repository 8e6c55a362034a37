package io.cognitivecdc.benchmarks.async;

import io.cognitivecdc.benchmarks.ChangeRows;
import io.cognitivecdc.pipeline.Pipeline;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * Drain cells: fresh topics, N unique inserts produced first, then a topology starts and the cell measures from
 * RUNNING until N output rows are readable ({@code read_committed}), or until its time cap.
 */
final class ThroughputCells {

    /**
     * One enrichment cell.
     *
     * @param name       what the table calls it
     * @param steps      1 (classify) or 2 (classify, summarize)
     * @param inFlight   {@code enrichment.max.in.flight}, per task
     * @param latency    the model's latency per call (zero for the in-process model)
     * @param rows       rows produced
     * @param capSeconds the cell stops here and reports the rate it reached
     */
    record Spec(String name, int steps, int inFlight, Duration latency, long rows, double capSeconds) {

        /** The instance's limit in rows/s: C in flight per task, times tasks, over steps × latency; NaN at zero. */
        double limit() {
            return latency.isZero() ? Double.NaN : limit(inFlight, BenchBroker.PARTITIONS, steps, latency);
        }

        static double limit(int inFlight, int tasks, int steps, Duration latency) {
            return inFlight * (double) tasks / (steps * (latency.toNanos() / 1e9));
        }
    }

    /** What an enrichment cell measured: the drain, the model calls it cost and the rows that failed. */
    record Enriched(Spec spec, String model, Drain drain, long calls, long failedRows) {

        double ratio() {
            return drain.rate() / spec.limit();
        }

        double callsPerRow() {
            return calls / (double) spec.rows();
        }
    }

    private final BenchBroker broker;

    ThroughputCells(BenchBroker broker) {
        this.broker = broker;
    }

    /** The enrichment topology on {@code model}, which the caller opened and closes. */
    Enriched enrich(Spec spec, BenchModel model) {
        BenchBroker.Topics topics = withRows(spec.rows());
        try (Pipeline pipeline = BenchPipeline.read(topics, model, spec.steps());
             KafkaConsumer<byte[], byte[]> consumer = broker.outputConsumer(topics.out());
             RunningTopology topology = RunningTopology.enrichment(broker, pipeline, spec.inFlight())) {
            Drain drain = Drain.await(consumer, spec.rows(), System.nanoTime(), spec.capSeconds());
            return new Enriched(spec, model.label(), drain, model.calls(), topology.failedRows());
        }
    }

    /** The pass-through topology over the same rows. */
    Drain passThrough(long rows, double capSeconds) {
        return plain(rows, capSeconds, RunningTopology::passThrough);
    }

    /** The pass-through with the processor's durable state writes, over the same rows. */
    Drain durableState(long rows, double capSeconds) {
        return plain(rows, capSeconds, RunningTopology::durableState);
    }

    private Drain plain(long rows, double capSeconds,
                        BiFunction<BenchBroker, BenchBroker.Topics, RunningTopology> topology) {
        BenchBroker.Topics topics = withRows(rows);
        try (KafkaConsumer<byte[], byte[]> consumer = broker.outputConsumer(topics.out());
             RunningTopology ignored = topology.apply(broker, topics)) {
            return Drain.await(consumer, rows, System.nanoTime(), capSeconds);
        }
    }

    private BenchBroker.Topics withRows(long rows) {
        BenchBroker.Topics topics = broker.freshTopics();
        broker.produce(topics.in(), IntStream.range(0, Math.toIntExact(rows)).mapToObj(ChangeRows::uniqueInsert));
        return topics;
    }
}
