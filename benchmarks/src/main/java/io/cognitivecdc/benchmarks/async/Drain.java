package io.cognitivecdc.benchmarks.async;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;

/**
 * How many output rows a cell read, in how long.
 *
 * @param rows    rows read
 * @param seconds from the start until the last row, or until the cell gave up
 * @param capped  whether rows were missing when it gave up (time cap, or no new output for {@link #STALL})
 */
record Drain(long rows, double seconds, boolean capped) {

    /** No new output for this long, though rows are missing: the topology is stuck, waiting longer tells nothing. */
    static final Duration STALL = Duration.ofSeconds(6);

    double rate() {
        return rows / seconds;
    }

    /** Reads from {@code consumer} until {@code expected} rows arrived, at most {@code capSeconds} from {@code startNanos}. */
    static Drain await(KafkaConsumer<byte[], byte[]> consumer, long expected, long startNanos, double capSeconds) {
        long count = 0;
        long deadline = startNanos + (long) (capSeconds * 1e9);
        long lastAt = startNanos;
        while (count < expected && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
            if (!records.isEmpty()) {
                count += records.count();
                lastAt = System.nanoTime();
            } else if (count > 0 && System.nanoTime() - lastAt > STALL.toNanos()) {
                break;
            }
        }
        boolean capped = count < expected;
        double seconds = ((capped ? System.nanoTime() : lastAt) - startNanos) / 1e9;
        return new Drain(count, seconds, capped);
    }
}
