package io.cognitivecdc.benchmarks.async;

import io.cognitivecdc.localstack.TempDirectories;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.topology.EnrichmentApplication;
import io.cognitivecdc.topology.EnrichmentProcessorConfig;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A topology a cell runs on the broker, started and RUNNING when created; closing it stops it and removes its state
 * directory. Either the enrichment topology ({@link EnrichmentApplication}, the product's defaults: exactly-once v2,
 * commit 100 ms), a pass-through with the same serdes and the same defaults, or the pass-through with the processor's
 * durable state writes ({@link DurableStateCeiling}).
 */
final class RunningTopology implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String applicationId;
    private final Path stateDir;
    private final Runnable close;
    private final AtomicLong failedRows;

    private RunningTopology(Map<String, Object> config, Path stateDir, Runnable close, AtomicLong failedRows) {
        this.applicationId = (String) config.get(StreamsConfig.APPLICATION_ID_CONFIG);
        this.stateDir = stateDir;
        this.close = close;
        this.failedRows = failedRows;
    }

    /** The enrichment topology running {@code pipeline} with {@code inFlight} rows in flight per task. */
    static RunningTopology enrichment(BenchBroker broker, Pipeline pipeline, int inFlight) {
        Path stateDir = TempDirectories.create("bench async", "cognitive-cdc-bench-");
        Map<String, Object> config = broker.streamsConfig("enrich", stateDir);
        config.put(EnrichmentProcessorConfig.MAX_IN_FLIGHT_CONFIG, inFlight);
        AtomicLong failed = new AtomicLong();
        EnrichmentApplication app = new EnrichmentApplication(pipeline, broker.enrichmentSerdes(), config,
                failure -> failed.incrementAndGet());
        return new RunningTopology(config, stateDir, () -> app.close(CLOSE_TIMEOUT), failed)
                .started(app::start, app::state);
    }

    /** {@code stream(in).mapValues(v -> v).to(out)}: what moving the rows costs, with nothing done to them. */
    static RunningTopology passThrough(BenchBroker broker, BenchBroker.Topics topics) {
        Serde<GenericRecord> serde = broker.serde();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.in(), Consumed.with(serde, serde)).mapValues(v -> v)
                .to(topics.out(), Produced.with(serde, serde));
        return plain(broker, builder, "pass");
    }

    /** The rows through {@link DurableStateCeiling}: what the processor's durable state costs, with no enrichment. */
    static RunningTopology durableState(BenchBroker broker, BenchBroker.Topics topics) {
        Serde<GenericRecord> serde = broker.serde();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.in(), Consumed.with(serde, serde)).process(new DurableStateCeiling(serde))
                .to(topics.out(), Produced.with(serde, serde));
        return plain(broker, builder, "state");
    }

    private static RunningTopology plain(BenchBroker broker, StreamsBuilder builder, String name) {
        Path stateDir = TempDirectories.create("bench async", "cognitive-cdc-bench-");
        // The enrichment application's defaults, so that all run with the same exactly-once and commit interval.
        Map<String, Object> config = EnrichmentApplication.streamsConfig(broker.streamsConfig(name, stateDir));
        KafkaStreams streams = new KafkaStreams(builder.build(), new StreamsConfig(config));
        return new RunningTopology(config, stateDir, () -> streams.close(CLOSE_TIMEOUT), new AtomicLong())
                .started(streams::start, streams::state);
    }

    /** Starts the topology and waits until it is RUNNING; on any failure closes it again, state directory and all. */
    private RunningTopology started(Runnable start, Supplier<KafkaStreams.State> state) {
        try {
            start.run();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (state.get() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() > deadline || state.get() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("the topology did not reach RUNNING: " + state.get());
                }
                Thread.sleep(10);
            }
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting the topology", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    String applicationId() {
        return applicationId;
    }

    /** Rows the enrichment topology gave up on (dead-lettered); none in a cell that measures what it claims. */
    long failedRows() {
        return failedRows.get();
    }

    @Override
    public void close() {
        close.run();
        TempDirectories.deleteRecursively(stateDir);
    }
}
