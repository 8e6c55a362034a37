package io.cognitivecdc.cli;

import io.cognitivecdc.topology.EnrichmentApplication;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The life of one {@code run}: start the topology, log once it is RUNNING, then wait until a stop is requested (signal,
 * JVM shutdown) or Kafka Streams dies; then close the topology (leaving the consumer group) and after it the pipeline
 * (its models), always, and say how it ended.
 */
final class TopologyRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TopologyRunner.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration WAITING_NOTICE = Duration.ofSeconds(60);

    /**
     * States in which the client will not process again. PENDING_SHUTDOWN counts: only our own close asks for it,
     * and that happens after the wait below.
     */
    private static final Set<KafkaStreams.State> DEAD = EnumSet.of(KafkaStreams.State.PENDING_SHUTDOWN,
            KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.ERROR);

    /** What the runner needs of the application; {@link #of(EnrichmentApplication)} adapts the real one. */
    interface Topology {
        void start();

        KafkaStreams.State state();

        boolean awaitRunning(Duration timeout) throws InterruptedException;

        boolean close(Duration timeout);
    }

    static Topology of(EnrichmentApplication application) {
        return new Topology() {
            @Override
            public void start() {
                application.start();
            }

            @Override
            public KafkaStreams.State state() {
                return application.state();
            }

            @Override
            public boolean awaitRunning(Duration timeout) throws InterruptedException {
                return application.awaitRunning(timeout);
            }

            @Override
            public boolean close(Duration timeout) {
                return application.close(timeout);
            }
        };
    }

    /** The topology stopped by itself (or could not start): exit code 1. */
    static final class TopologyDiedException extends IllegalStateException {
        TopologyDiedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final Duration closeTimeout;

    TopologyRunner(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    /** Asks the running topology to stop; returns at once. The first reason is kept. */
    void requestStop(String reason) {
        stopReason.compareAndSet(null, reason);
        stopRequested.countDown();
    }

    /** Waits until {@link #run} has closed everything; for the shutdown hook. */
    boolean awaitClosed(Duration timeout) {
        try {
            return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code topology} until a stop is requested or it dies, then closes it and {@code pipeline}, in that order.
     *
     * @param runningMessage logged once, when Kafka Streams first reaches RUNNING
     * @return 0 after a requested stop that closed within the close timeout, 1 when the close timed out
     * @throws TopologyDiedException when the topology failed to start or Kafka Streams stopped by itself (after the
     *                               close)
     */
    int run(Topology topology, AutoCloseable pipeline, String runningMessage) {
        String died = null;
        RuntimeException startFailure = null;
        boolean closedInTime;
        try {
            try {
                if (stopRequested.getCount() > 0) {
                    topology.start();
                    died = awaitStop(topology, runningMessage);
                }
            } catch (RuntimeException e) {
                startFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                requestStop("interrupted");
            }
        } finally {
            closedInTime = close(topology, pipeline, died != null || startFailure != null);
        }
        if (startFailure != null) {
            throw new TopologyDiedException("the topology did not start: " + rootMessage(startFailure), startFailure);
        }
        if (died != null) {
            throw new TopologyDiedException("the topology stopped: " + died, null);
        }
        if (!closedInTime) {
            LOG.warn("Stopped after {}, but Kafka Streams did not close within {} s; the next start resumes from the "
                    + "last commit", stopReason.get(), closeTimeout.toSeconds());
            return 1;
        }
        LOG.info("Stopped cleanly after {}", stopReason.get());
        return 0;
    }

    /** Waits for a stop request; returns why the topology died instead, or null. */
    private String awaitStop(Topology topology, String runningMessage) throws InterruptedException {
        boolean running = false;
        long started = System.nanoTime();
        long nextNotice = started + WAITING_NOTICE.toNanos();
        while (stopRequested.getCount() > 0) {
            if (!running) {
                try {
                    running = topology.awaitRunning(POLL);
                } catch (IllegalStateException e) {
                    return "Kafka Streams is " + topology.state() + " and never reached RUNNING; the cause is logged "
                            + "above (org.apache.kafka.streams)";
                }
                if (running) {
                    LOG.info(runningMessage);
                } else if (System.nanoTime() > nextNotice) {
                    nextNotice += WAITING_NOTICE.toNanos();
                    LOG.info("Waiting for Kafka Streams to reach RUNNING: {} for {} s (joining the group, or restoring "
                                    + "state stores from their changelogs)", topology.state(),
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
                }
            } else if (!stopRequested.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                KafkaStreams.State state = topology.state();
                if (DEAD.contains(state)) {
                    return "Kafka Streams is " + state + " (its stream threads stopped after an error, logged above "
                            + "by org.apache.kafka.streams)";
                }
            }
        }
        return null;
    }

    private boolean close(Topology topology, AutoCloseable pipeline, boolean failed) {
        requestStop(failed ? "a failure" : "a stop request");
        boolean closedInTime = false;
        try {
            LOG.info("Closing Kafka Streams (leaving the consumer group; up to {} s)", closeTimeout.toSeconds());
            long t0 = System.nanoTime();
            closedInTime = topology.close(closeTimeout);
            if (closedInTime) {
                LOG.info("Kafka Streams closed in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            }
        } catch (RuntimeException e) {
            LOG.warn("Closing Kafka Streams failed: {}", e.toString());
        } finally {
            try {
                pipeline.close();
                LOG.info("Pipeline closed (models released)");
            } catch (Exception e) {
                LOG.warn("Closing the pipeline failed: {}", e.toString());
            } finally {
                closed.countDown();
            }
        }
        return closedInTime;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root;
    }
}
