package io.cognitivecdc.cli;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The life cycle of {@code run} without Kafka: a stop request closes the topology, then the pipeline, and gives exit
 * code 0; a topology that dies or does not start is closed all the same and reported (exit code 1).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TopologyRunnerTest {

    /** A topology whose state the test sets; records start and close in {@link #events}. */
    static final class FakeTopology implements TopologyRunner.Topology {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile State state = State.CREATED;
        volatile RuntimeException startFailure;
        volatile boolean closesInTime = true;

        @Override
        public void start() {
            events.add("start");
            if (startFailure != null) {
                throw startFailure;
            }
            state = State.REBALANCING;
        }

        @Override
        public State state() {
            return state;
        }

        @Override
        public boolean awaitRunning(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (state == State.RUNNING) {
                    return true;
                }
                if (state == State.ERROR || state == State.PENDING_ERROR || state == State.NOT_RUNNING) {
                    throw new IllegalStateException("Kafka Streams is " + state);
                }
                Thread.sleep(10);
            }
            return false;
        }

        @Override
        public boolean close(Duration timeout) {
            events.add("close " + timeout.toSeconds() + "s");
            state = State.NOT_RUNNING;
            return closesInTime;
        }
    }

    private final FakeTopology topology = new FakeTopology();
    private final AutoCloseable pipeline = () -> topology.events.add("pipeline closed");
    private final TopologyRunner runner = new TopologyRunner(Duration.ofSeconds(7));

    private CompletableFuture<Integer> runAsync() {
        return CompletableFuture.supplyAsync(() -> runner.run(topology, pipeline, "running!"));
    }

    private void awaitEvent(String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!topology.events.contains(event)) {
            assertThat(System.nanoTime()).as("waiting for " + event).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void shouldCloseTopologyThenPipelineAndReturnZeroOnAStopRequest() throws Exception {
        CompletableFuture<Integer> exit = runAsync();
        awaitEvent("start");
        topology.state = State.RUNNING;
        Thread.sleep(300);
        assertThat(exit).isNotDone();

        runner.requestStop("SIGTERM");

        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(topology.events).containsExactly("start", "close 7s", "pipeline closed");
        assertThat(runner.awaitClosed(Duration.ZERO)).as("the shutdown hook may go").isTrue();
    }

    @Test
    void shouldStopEvenBeforeTheTopologyIsRunning() throws Exception {
        CompletableFuture<Integer> exit = runAsync();
        awaitEvent("start");

        runner.requestStop("SIGINT");

        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(topology.events).containsExactly("start", "close 7s", "pipeline closed");
    }

    @Test
    void shouldReportAndCloseWhenKafkaStreamsDiesWhileRunning() throws Exception {
        CompletableFuture<Integer> exit = runAsync();
        awaitEvent("start");
        topology.state = State.RUNNING;
        Thread.sleep(300);

        topology.state = State.ERROR;

        assertThat(exit).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                .havingCause()
                .isInstanceOf(TopologyRunner.TopologyDiedException.class)
                .withMessageContaining("the topology stopped: Kafka Streams is ERROR");
        assertThat(topology.events).containsExactly("start", "close 7s", "pipeline closed");
    }

    @Test
    void shouldReportAndCloseWhenKafkaStreamsDiesBeforeRunning() throws Exception {
        CompletableFuture<Integer> exit = runAsync();
        awaitEvent("start");

        topology.state = State.ERROR;

        assertThat(exit).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                .havingCause()
                .isInstanceOf(TopologyRunner.TopologyDiedException.class)
                .withMessageContaining("Kafka Streams is ERROR and never reached RUNNING");
        assertThat(topology.events).containsExactly("start", "close 7s", "pipeline closed");
    }

    @Test
    void shouldReportAStartFailureWithItsCauseAndStillClose() {
        topology.startFailure = new IllegalStateException("warm-up failed",
                new java.net.ConnectException("Connection refused"));

        assertThatThrownBy(() -> runner.run(topology, pipeline, "running!"))
                .isInstanceOf(TopologyRunner.TopologyDiedException.class)
                .hasMessage("the topology did not start: warm-up failed: java.net.ConnectException: Connection refused");
        assertThat(topology.events).containsExactly("start", "close 7s", "pipeline closed");
    }

    @Test
    void shouldReturnOneWhenKafkaStreamsDoesNotCloseInTime() throws Exception {
        topology.closesInTime = false;
        CompletableFuture<Integer> exit = runAsync();
        awaitEvent("start");
        topology.state = State.RUNNING;

        runner.requestStop("SIGTERM");

        assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(topology.events).containsExactly("start", "close 7s", "pipeline closed");
    }
}
