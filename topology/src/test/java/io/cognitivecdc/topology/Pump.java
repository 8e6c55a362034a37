package io.cognitivecdc.topology;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Drives the enrichment processor's wall-clock punctuator in TopologyTestDriver tests while model calls finish on
 * their own threads.
 */
public final class Pump {

    private static final Duration STEP = Duration.ofMillis(20);

    private Pump() {
    }

    /** Advances wall-clock time until {@code condition} holds; fails after 10 s of real time. */
    public static void until(TopologyTestDriver driver, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            driver.advanceWallClockTime(STEP);
            sleep();
        }
    }

    /** Advances wall-clock time for {@code duration} of real time, for tests that expect nothing (more) to happen. */
    public static void settle(TopologyTestDriver driver, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            driver.advanceWallClockTime(STEP);
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
