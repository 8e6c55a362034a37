package io.cognitivecdc.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cognitivecdc.cdc.ByteBuffers;
import io.cognitivecdc.cdc.ChangeEvent;
import io.cognitivecdc.schemas.ChangeOp;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.schemas.SourceVersion;
import io.cognitivecdc.schemas.StepLogEntry;
import io.cognitivecdc.steps.Fingerprints;
import io.cognitivecdc.steps.StepOutput;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Creating, updating and reading {@link EnrichmentState}s. */
public final class EnrichmentStates {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private EnrichmentStates() {
    }

    /**
     * A fresh PENDING state for a create, read or update event.
     *
     * @param key      the row key's columns (from the Debezium key)
     * @param topic    CDC topic, partition and offset the event came from, where known
     * @param nowMs    the current time
     */
    public static EnrichmentState pending(Map<String, Object> key, ChangeEvent event, String topic, Integer partition,
                                          Long offset, long nowMs) {
        if (!event.op().isUpsert()) {
            throw new IllegalArgumentException("only creates, reads and updates are enriched, not " + event.op());
        }
        return EnrichmentState.newBuilder()
                .setKey(toJson(key))
                .setSourceVersion(SourceVersion.newBuilder()
                        .setConnector(event.source().connector())
                        .setTable(event.source().qualifiedTable())
                        .setPosition(event.source().position())
                        .setTsMs(event.source().tsMs())
                        .setTopic(topic)
                        .setPartition(partition)
                        .setOffset(offset)
                        .build())
                .setOp(switch (event.op()) {
                    case CREATE -> ChangeOp.CREATE;
                    case READ -> ChangeOp.READ;
                    default -> ChangeOp.UPDATE;
                })
                .setRaw(rawValues(event.after()))
                .setProcessed(new HashMap<>())
                .setStepInputs(new HashMap<>())
                .setLog(new ArrayList<>())
                .setAttempts(0)
                .setStatus(EnrichmentStatus.PENDING)
                .setLastError(null)
                .setCreatedAtMs(nowMs)
                .setUpdatedAtMs(nowMs)
                .build();
    }

    /**
     * Carries a row's finished steps over to its newer version: the fingerprints of their inputs then decide which of
     * them still hold. The last emitted row's fingerprint comes along, so an unchanged row is not emitted again.
     */
    public static void carryOver(EnrichmentState previous, EnrichmentState next) {
        next.getProcessed().putAll(previous.getProcessed());
        next.getStepInputs().putAll(previous.getStepInputs());
        next.getLog().addAll(previous.getLog());
        next.setOutputFingerprint(previous.getOutputFingerprint());
    }

    /** Records a finished step: its output, the fingerprint of what it ran on, and an audit entry. */
    public static void recordStep(EnrichmentState state, String step, StepOutput output, String fingerprint, long nowMs) {
        state.getProcessed().put(step, toJson(output.fields()));
        state.getStepInputs().put(step, fingerprint);
        state.getLog().add(StepLogEntry.newBuilder()
                .setStep(step)
                .setModel(output.model())
                .setAttempts(output.attempts())
                .setPromptTokens(output.usage().promptTokens())
                .setCompletionTokens(output.usage().completionTokens())
                .setLatencyMs(output.latencyMs())
                .setFinishedAtMs(nowMs)
                .build());
        state.setUpdatedAtMs(nowMs);
    }

    /** A step's output fields, or an empty map when the step has not finished. */
    public static Map<String, Object> output(EnrichmentState state, String step) {
        String json = state.getProcessed().get(step);
        return json == null ? Map.of() : parse(json);
    }

    /**
     * The fingerprint of one step's run: the step's definition and its input values. Equal fingerprints mean the
     * step would be asked the same thing again.
     */
    public static String inputFingerprint(String definitionFingerprint, Map<String, Object> inputs) {
        return Fingerprints.sha256(definitionFingerprint, toJson(new TreeMap<>(inputs)));
    }

    /** The state as readable JSON, for logs, the CLI and debugging. */
    public static String toJson(EnrichmentState state) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(EnrichmentState.getClassSchema(), out, true);
            new SpecificDatumWriter<>(EnrichmentState.class).write(state, encoder);
            encoder.flush();
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the enrichment state as JSON", e);
        }
    }

    /** A value as JSON text; binary values become Base64 strings. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value instanceof ByteBuffer b ? ByteBuffers.toByteArray(b) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return Collections.unmodifiableMap(JSON.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("enrichment state holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The after-image as the state's raw map: text, whole numbers, decimals, booleans and bytes; the rest as JSON. */
    private static Map<String, Object> rawValues(Map<String, Object> after) {
        Map<String, Object> raw = new HashMap<>();
        after.forEach((column, value) -> raw.put(column, rawValue(value)));
        return raw;
    }

    private static Object rawValue(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof byte[] b) {
            return ByteBuffer.wrap(b);
        }
        if (value instanceof ByteBuffer b) {
            return b;
        }
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        return toJson(value);
    }
}
