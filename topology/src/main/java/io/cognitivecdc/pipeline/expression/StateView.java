package io.cognitivecdc.pipeline.expression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cognitivecdc.schemas.EnrichmentState;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What expressions see of a row's {@link EnrichmentState}: {@code raw} (column to value of the row after the change),
 * {@code processed} (step name to that step's output fields) and {@code key} (the primary-key columns). The JSON held
 * in the state is parsed once per view, on first use.
 */
public final class StateView {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final EnrichmentState state;
    private Map<String, Object> key;
    private Map<String, Map<String, Object>> processed;

    public StateView(EnrichmentState state) {
        this.state = state;
    }

    /** The state itself, for expressions written in Java. */
    public EnrichmentState state() {
        return state;
    }

    public Map<String, Object> raw() {
        return Collections.unmodifiableMap(state.getRaw());
    }

    public Map<String, Object> key() {
        if (key == null) {
            key = parse(state.getKey());
        }
        return key;
    }

    public Map<String, Map<String, Object>> processed() {
        if (processed == null) {
            Map<String, Map<String, Object>> parsed = new HashMap<>();
            state.getProcessed().forEach((step, json) -> parsed.put(step, parse(json)));
            processed = Collections.unmodifiableMap(parsed);
        }
        return processed;
    }

    private static Map<String, Object> parse(String json) {
        try {
            return Collections.unmodifiableMap(JSON.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("enrichment state holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
