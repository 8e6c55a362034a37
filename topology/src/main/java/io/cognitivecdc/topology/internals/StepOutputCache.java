package io.cognitivecdc.topology.internals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cognitivecdc.llm.TokenUsage;
import io.cognitivecdc.steps.StepOutput;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step outputs by input fingerprint (which covers the step's prompt, model and inputs), so that the same question is
 * not paid for twice, whichever row asks it. Bounded: the least recently used entry goes first.
 *
 * <p>Workers read it from their threads; the stream thread alone writes the changelogged store behind it, and loads
 * it from there when the task starts.
 */
public final class StepOutputCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A store entry is the model's id, this separator, then the fields as JSON: the JSON the row's state already holds,
     * so a cached output costs no second serialisation. Model ids never hold a line break.
     */
    private static final char MODEL_SEPARATOR = '\n';

    private final int maxEntries;
    private final KeyValueStore<String, String> store;
    private final Map<String, StepOutput> entries;
    private final List<String> evicted = new ArrayList<>();

    /**
     * A cache over {@code store} (which it loads up to the bound); a null store keeps the cache in memory, for tests.
     */
    public static StepOutputCache open(int maxEntries, KeyValueStore<String, String> store) {
        StepOutputCache cache = new StepOutputCache(maxEntries, store);
        cache.load();
        return cache;
    }

    private StepOutputCache(int maxEntries, KeyValueStore<String, String> store) {
        this.maxEntries = maxEntries;
        this.store = store;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StepOutput> eldest) {
                if (size() > StepOutputCache.this.maxEntries) {
                    evicted.add(eldest.getKey());
                    return true;
                }
                return false;
            }
        };
    }

    /** The cached output, marked as costing no call, or null. */
    public synchronized StepOutput get(String fingerprint) {
        if (maxEntries == 0) {
            return null;
        }
        StepOutput cached = entries.get(fingerprint);
        return cached == null ? null
                : new StepOutput(cached.fields(), cached.model(), 0, TokenUsage.ZERO, 0);
    }

    /**
     * Remembers a step's new output and writes it to the store, dropping what fell out of the bound; an output that
     * came from the cache is not written again. Stream thread only.
     *
     * @param fieldsJson the output's fields as JSON, as the row's state already holds them (written once, not twice)
     */
    public void put(Completion.StepDone done, String fieldsJson) {
        if (maxEntries == 0 || done.fromCache()) {
            return;
        }
        List<String> dropped;
        synchronized (this) {
            entries.put(done.fingerprint(), done.output());
            dropped = List.copyOf(evicted);
            evicted.clear();
        }
        if (store != null) {
            store.put(done.fingerprint(), done.output().model() + MODEL_SEPARATOR + fieldsJson);
            dropped.forEach(store::delete);
        }
    }

    /** Loads what the store holds (up to the bound), when the task starts. Stream thread only. */
    private void load() {
        if (maxEntries == 0 || store == null) {
            return;
        }
        try (KeyValueIterator<String, String> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                synchronized (this) {
                    entries.put(entry.key, fromJson(entry.value));
                }
            }
        }
        List<String> dropped;
        synchronized (this) {
            dropped = List.copyOf(evicted);
            evicted.clear();
        }
        dropped.forEach(store::delete);
    }

    @SuppressWarnings("unchecked")
    private static StepOutput fromJson(String entry) {
        try {
            int separator = entry.indexOf(MODEL_SEPARATOR);
            if (!entry.startsWith("{") && separator >= 0) {
                return new StepOutput(JSON.readValue(entry.substring(separator + 1), Map.class),
                        entry.substring(0, separator), 0, TokenUsage.ZERO, 0);
            }
            // Written by earlier builds: {"fields": …, "model": …}.
            Map<String, Object> value = JSON.readValue(entry, Map.class);
            return new StepOutput((Map<String, Object>) value.get("fields"), (String) value.get("model"), 0,
                    TokenUsage.ZERO, 0);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the step output cache holds invalid JSON", e);
        }
    }
}
