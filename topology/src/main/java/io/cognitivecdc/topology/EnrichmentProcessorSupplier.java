package io.cognitivecdc.topology;

import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.state.EnrichmentStateSerde;
import io.cognitivecdc.topology.internals.EnrichmentProcessor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Set;

/**
 * Supplies the processor that enriches change events with many model calls in flight, without giving up Kafka
 * Streams' guarantees, and declares its state stores.
 *
 * <ul>
 *   <li>A delete forgets the row and forwards a tombstone, unless the row was never emitted. A create, read or
 *       update whose steps would all be asked exactly what they were asked before is finished at once, with no model
 *       call, and emits nothing if the enriched row would not change (this ends the loop when the sink writes into a
 *       captured table). Otherwise the row's state is written PENDING into {@value #STATE_STORE}, with finished steps
 *       carried over, and its key appended to the durable pending index {@value #PENDING_STORE} in arrival order,
 *       before {@code process} returns.
 *   <li>Up to {@value EnrichmentProcessorConfig#MAX_IN_FLIGHT_CONFIG} rows per task are enriched at once, each on a
 *       virtual thread; the backlog beyond that waits in the store. Finished work is applied on the stream thread,
 *       in {@code process} and in a short wall-clock punctuator that runs while rows are pending: each finished step
 *       is written into the state at once; a row whose steps are all done is forwarded and marked DONE; a permanent
 *       failure is marked FAILED and dead-lettered. Each freed slot is refilled at once, oldest row first.
 *   <li>At most one piece of work per key is in flight; a newer version of a row supersedes the older one, whose
 *       results are then dropped. Steps whose input fingerprint did not change are reused; identical questions to
 *       the same step (same prompt, model and inputs) are answered from a bounded, changelogged cache,
 *       {@value #CACHE_STORE}.
 *   <li>A passing failure (rate limit, outage, timeout) sends the row back to wait and pauses new calls with
 *       exponential backoff, at least as long as the provider's {@code Retry-After}; one call then probes the model
 *       before the rest follow. The stream thread never waits on a model, so an outage cannot turn into rebalances.
 *   <li>A permanent failure (invalid output after the corrective retries, a refusal, an unusable input) marks the
 *       row FAILED and forwards a {@link DeadLetter} with its partial state. A record that is not a change event, or
 *       has no key, is thrown to the processing exception handler, which dead-letters it with its original bytes.
 *   <li>A dead letter republished to the replay topic resumes its row at the failed step, with the finished steps
 *       kept, unless the row was deleted or a newer version of it arrived since (stale). Each replayed record's
 *       outcome goes to the replay-results topic.
 *   <li>On {@code init} (start, restore, rebalance) every row of the pending index is started again from its first
 *       unfinished step. On {@code close} in-flight calls are abandoned.
 * </ul>
 *
 * <p>State writes, outputs and input offsets commit together under exactly-once, so a crash loses nothing and repeats
 * at most the model calls that were in flight.
 */
public final class EnrichmentProcessorSupplier implements ProcessorSupplier<Object, Object, Object, Object> {

    /** Row key (Debezium key bytes) → the row's {@code EnrichmentState}. */
    public static final String STATE_STORE = "enrichment-state";
    /** Arrival sequence number → row key, for every PENDING row. */
    public static final String PENDING_STORE = "enrichment-pending";
    /** Input fingerprint → step output, for questions asked again. */
    public static final String CACHE_STORE = "enrichment-step-cache";

    private final Pipeline pipeline;
    private final EnrichedRows rows;
    private final EnrichmentSerdes serdes;
    private final EnrichmentFailureHandler failures;
    private final EnrichmentProcessorConfig config;
    private final DeadLetterConfig topics;

    /**
     * @param serdes   the topology's serdes; the key serde also gives each row its identity in the stores
     * @param failures is told of every row that fails for good (besides the dead-letter topic)
     */
    public EnrichmentProcessorSupplier(Pipeline pipeline, EnrichmentSerdes serdes, EnrichmentFailureHandler failures,
                                       EnrichmentProcessorConfig config, DeadLetterConfig topics) {
        this.pipeline = pipeline;
        this.rows = new EnrichedRows(pipeline);
        this.serdes = serdes;
        this.failures = failures;
        this.config = config;
        this.topics = topics;
    }

    @Override
    public Processor<Object, Object, Object, Object> get() {
        return new EnrichmentProcessor(pipeline, rows, serdes, failures, config, topics);
    }

    /**
     * Persistent, changelogged stores with Kafka Streams' record cache in front: a row written PENDING and then DONE
     * within one commit interval costs one changelog record, not two.
     */
    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(store(STATE_STORE, Serdes.Bytes(), new EnrichmentStateSerde()),
                store(PENDING_STORE, Serdes.Long(), Serdes.Bytes()),
                store(CACHE_STORE, Serdes.String(), Serdes.String()));
    }

    private static <K, V> StoreBuilder<?> store(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingEnabled();
    }
}
