package io.cognitivecdc.benchmarks.async;

import io.cognitivecdc.benchmarks.ChangeRows;
import io.cognitivecdc.benchmarks.JvmMemory;
import io.cognitivecdc.pipeline.Pipeline;

import java.time.Duration;
import java.util.stream.IntStream;

/**
 * Rows pending behind a stalled model: the topology takes every row (its committed input offsets reach the end) while
 * no call returns, and the cell reads the heap then. What the backlog costs in memory is what this shows: beyond the
 * in-flight bound, pending rows are meant to wait in the state store, not on the heap.
 */
final class PendingCell {

    /** The in-flight bound while the model is stalled, the product's default. */
    static final int IN_FLIGHT = 256;
    private static final Duration INTAKE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * What it measured.
     *
     * @param rows           rows produced and pending
     * @param intakeSeconds  from RUNNING until the topology had taken every row
     * @param heapMb         heap after GC then, whole benchmark JVM (broker included)
     * @param baselineHeapMb heap after GC before the topology started
     * @param rssMb          resident memory then
     */
    record Pending(int rows, double intakeSeconds, double heapMb, double baselineHeapMb, double rssMb) {
    }

    private final BenchBroker broker;

    PendingCell(BenchBroker broker) {
        this.broker = broker;
    }

    Pending measure(int rows) {
        BenchBroker.Topics topics = broker.freshTopics();
        broker.produce(topics.in(), IntStream.range(0, rows).mapToObj(ChangeRows::uniqueInsert));
        try (InProcessModel model = InProcessModel.stalled();
             Pipeline pipeline = BenchPipeline.read(topics, model, 1)) {
            double baseline = JvmMemory.heapAfterGcMb();
            try (RunningTopology topology = RunningTopology.enrichment(broker, pipeline, IN_FLIGHT)) {
                long start = System.nanoTime();
                awaitIntake(topology, topics.in(), start);
                double intake = (System.nanoTime() - start) / 1e9;
                return new Pending(rows, intake, JvmMemory.heapAfterGcMb(), baseline, JvmMemory.residentMb());
            }
        }
    }

    private void awaitIntake(RunningTopology topology, String topic, long startNanos) {
        try {
            while (!broker.consumedAll(topology.applicationId(), topic)) {
                if (System.nanoTime() - startNanos > INTAKE_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("the topology did not take all rows in " + INTAKE_TIMEOUT);
                }
                Thread.sleep(POLL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the rows were taken", e);
        }
    }
}
