package io.cognitivecdc.benchmarks.async;

import io.cognitivecdc.benchmarks.ChangeRows;
import io.cognitivecdc.pipeline.Pipeline;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Model calls per source change on an update-heavy workload: 2,000 changes over 200 keys, 70 % of the updates change
 * only another column, note texts repeat across keys; two steps on the simulator at 20 ms. Counts what the processor
 * saves by skipping unchanged step inputs, superseding pending versions and answering repeated questions from its cache.
 */
final class UpdateHeavyCell {

    static final int KEYS = 200;
    static final int CHANGES = 2_000;
    private static final double UNCHANGED_NOTES = 0.7;
    private static final Duration LATENCY = Duration.ofMillis(20);
    /** No new output and no new model call for this long: the topology has finished. */
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** What it measured: changes produced, model calls they cost, rows output. */
    record Calls(int changes, long calls, long outputs) {

        double perChange() {
            return calls / (double) changes;
        }
    }

    private final BenchBroker broker;

    UpdateHeavyCell(BenchBroker broker) {
        this.broker = broker;
    }

    Calls measure() {
        BenchBroker.Topics topics = broker.freshTopics();
        broker.produce(topics.in(), changes(new Random(42)).stream());
        try (SimulatedModel model = new SimulatedModel(LATENCY);
             Pipeline pipeline = BenchPipeline.read(topics, model, 2);
             KafkaConsumer<byte[], byte[]> consumer = broker.outputConsumer(topics.out());
             RunningTopology ignored = RunningTopology.enrichment(broker, pipeline, PendingCell.IN_FLIGHT)) {
            long outputs = awaitQuiet(consumer, model);
            return new Calls(CHANGES, model.calls(), outputs);
        }
    }

    /** An insert per key, then updates of random keys; only 30 % of them give the key new notes. */
    static List<GenericRecord> changes(Random random) {
        List<String> pool = ChangeRows.notes(8);
        String[] notes = new String[KEYS];
        List<GenericRecord> changes = new ArrayList<>(CHANGES);
        for (int k = 0; k < KEYS; k++) {
            notes[k] = pool.get(random.nextInt(pool.size()));
            changes.add(ChangeRows.change("c", k, "Patient " + k, notes[k], changes.size()));
        }
        while (changes.size() < CHANGES) {
            int k = random.nextInt(KEYS);
            if (random.nextDouble() >= UNCHANGED_NOTES) {
                notes[k] = pool.get(random.nextInt(pool.size())) + " Addendum " + random.nextInt(20) + ".";
            }
            changes.add(ChangeRows.change("u", k, "Patient " + k + " v" + changes.size(), notes[k], changes.size()));
        }
        return changes;
    }

    private static long awaitQuiet(KafkaConsumer<byte[], byte[]> consumer, BenchModel model) {
        long outputs = 0;
        long lastCalls = -1;
        long quietSince = System.nanoTime();
        long deadline = quietSince + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            int got = consumer.poll(Duration.ofMillis(200)).count();
            outputs += got;
            long calls = model.calls();
            if (got > 0 || calls != lastCalls) {
                lastCalls = calls;
                quietSince = System.nanoTime();
            } else if (outputs > 0 && System.nanoTime() - quietSince > QUIET.toNanos()) {
                break;
            }
        }
        return outputs;
    }
}
