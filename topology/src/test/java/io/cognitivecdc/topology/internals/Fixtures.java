package io.cognitivecdc.topology.internals;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** Real in-memory key-value stores and mock processor contexts, for tests of the processor's pieces. */
final class Fixtures {

    private Fixtures() {
    }

    /** A context that captures what is forwarded, its clock at 1,000 ms. */
    static MockProcessorContext<Object, Object> context() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(1_000);
        return context;
    }

    static <K, V> KeyValueStore<K, V> inMemory(String name, Serde<K> keys, Serde<V> values) {
        KeyValueStore<K, V> store = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
