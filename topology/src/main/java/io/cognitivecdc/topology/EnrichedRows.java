package io.cognitivecdc.topology;

import io.cognitivecdc.pipeline.OutputColumn;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.expression.StateView;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.StepLogEntry;
import io.cognitivecdc.state.EnrichmentStates;
import io.cognitivecdc.steps.Fingerprints;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the enriched row of a finished {@link EnrichmentState} from the pipeline's column map. */
public final class EnrichedRows {

    private static final String SOURCE_TS_COLUMN = "source_ts_ms";
    private static final String ENRICHED_AT_COLUMN = "enriched_at_ms";
    private static final Set<String> TIMESTAMP_COLUMNS = Set.of(SOURCE_TS_COLUMN, ENRICHED_AT_COLUMN);

    private final Pipeline pipeline;
    private final Schema schema;

    public EnrichedRows(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.schema = EnrichedRowSchema.of(pipeline);
    }

    public Schema schema() {
        return schema;
    }

    /**
     * @throws IllegalArgumentException naming the column when its expression fails or its value has the wrong type
     */
    public GenericRecord build(EnrichmentState state, long nowMs) {
        StateView view = new StateView(state);
        GenericRecord row = new GenericData.Record(schema);
        for (OutputColumn column : pipeline.columns()) {
            Object value;
            try {
                value = convert(column.expression().evaluate(view), column.type());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("column " + column.name() + ": " + e.getMessage(), e);
            }
            row.put(column.name(), value);
        }
        row.put("enriched_by", enrichedBy(state));
        row.put("source_table", state.getSourceVersion().getTable());
        row.put(SOURCE_TS_COLUMN, state.getSourceVersion().getTsMs());
        row.put(ENRICHED_AT_COLUMN, nowMs);
        return row;
    }

    /**
     * Digest of the row without its timestamps ({@code source_ts_ms}, {@code enriched_at_ms}): what the enriched
     * table would hold. Two versions of a row with the same digest would write the same values.
     */
    public static String fingerprint(GenericRecord row) {
        List<String> parts = new ArrayList<>();
        for (Schema.Field field : row.getSchema().getFields()) {
            if (!TIMESTAMP_COLUMNS.contains(field.name())) {
                parts.add(field.name() + "=" + row.get(field.pos()));
            }
        }
        return Fingerprints.sha256(parts.toArray(String[]::new));
    }

    /** step=model for each step, in pipeline order, from the state's audit log (the latest entry per step). */
    private String enrichedBy(EnrichmentState state) {
        Map<String, String> models = new LinkedHashMap<>();
        for (StepLogEntry entry : state.getLog()) {
            models.put(entry.getStep(), entry.getModel());
        }
        return pipeline.steps().stream()
                .filter(step -> models.containsKey(step.name()))
                .map(step -> step.name() + "=" + models.get(step.name()))
                .collect(Collectors.joining(","));
    }

    private static Object convert(Object value, String type) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case "string" -> value instanceof CharSequence s ? s.toString() : EnrichmentStates.toJson(value);
            case "double" -> number(value).doubleValue();
            case "long" -> number(value).longValue();
            case "int" -> number(value).intValue();
            case "boolean" -> value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString().trim());
            default -> throw new IllegalArgumentException("unsupported column type " + type);
        };
    }

    private static Number number(Object value) {
        if (value instanceof Number n) {
            return n;
        }
        try {
            return Double.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
    }
}
