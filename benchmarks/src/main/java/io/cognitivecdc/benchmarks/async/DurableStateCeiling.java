package io.cognitivecdc.benchmarks.async;

import io.cognitivecdc.cdc.ChangeEvent;
import io.cognitivecdc.cdc.ChangeEventParser;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.state.EnrichmentStateSerde;
import io.cognitivecdc.state.EnrichmentStates;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Optional;
import java.util.Set;

/**
 * The ceiling of P2: a processor that does only what the enrichment processor's guarantees cost per row, and no
 * enrichment. It parses the change event, writes the row's state PENDING and its pending-index entry (durable before
 * {@code process} returns), then at once writes the state DONE, drops the entry and forwards the record, through
 * stores built like the product's (persistent, changelogged, record cache in front). No model, no step, no input
 * expressions, no enriched row: the rest of the gap to a pass-through is what durability costs.
 */
final class DurableStateCeiling implements ProcessorSupplier<GenericRecord, GenericRecord, GenericRecord, GenericRecord> {

    private static final String STATES = "ceiling-state";
    private static final String PENDING = "ceiling-pending";

    private final Serde<GenericRecord> keys;

    /** @param keys the key serde, which gives each row its store key as in the product */
    DurableStateCeiling(Serde<GenericRecord> keys) {
        this.keys = keys;
    }

    @Override
    public Processor<GenericRecord, GenericRecord, GenericRecord, GenericRecord> get() {
        return new Processor<>() {
            private ProcessorContext<GenericRecord, GenericRecord> context;
            private KeyValueStore<Bytes, EnrichmentState> states;
            private KeyValueStore<Long, Bytes> pending;
            private long nextSeq;

            @Override
            public void init(ProcessorContext<GenericRecord, GenericRecord> context) {
                this.context = context;
                states = context.getStateStore(STATES);
                pending = context.getStateStore(PENDING);
            }

            @Override
            public void process(Record<GenericRecord, GenericRecord> record) {
                Optional<ChangeEvent> event = ChangeEventParser.parse(record.value());
                if (event.isEmpty()) {
                    return;
                }
                String topic = context.recordMetadata().map(m -> m.topic()).orElseThrow();
                Bytes key = Bytes.wrap(keys.serializer().serialize(topic, record.key()));
                EnrichmentState state = EnrichmentStates.pending(ChangeEventParser.keyColumns(record.key()),
                        event.get(), topic, null, null, context.currentSystemTimeMs());
                long seq = nextSeq++;
                pending.put(seq, key);
                state.setPendingSeq(seq);
                states.put(key, state);
                state.setStatus(EnrichmentStatus.DONE);
                state.setPendingSeq(null);
                states.put(key, state);
                pending.delete(seq);
                context.forward(record);
            }
        };
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(store(STATES, Serdes.Bytes(), new EnrichmentStateSerde()), store(PENDING, Serdes.Long(),
                Serdes.Bytes()));
    }

    private static <K, V> StoreBuilder<?> store(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingEnabled();
    }
}
