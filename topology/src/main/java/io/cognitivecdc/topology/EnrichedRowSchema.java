package io.cognitivecdc.topology;

import io.cognitivecdc.pipeline.OutputColumn;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.schemas.EnrichedRow;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

import java.util.Locale;

/**
 * The Avro schema of a pipeline's enriched rows: its output columns (each nullable, typed as the definition says)
 * followed by the columns every enriched row has ({@link EnrichedRow}: enriched_by, source_table, source_ts_ms,
 * enriched_at_ms). The JDBC sink creates and evolves the enriched table from it.
 */
public final class EnrichedRowSchema {

    private EnrichedRowSchema() {
    }

    public static Schema of(Pipeline pipeline) {
        String namespace = "io.cognitivecdc.enriched."
                + pipeline.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("EnrichedRow").namespace(namespace)
                .doc("Enriched rows of pipeline " + pipeline.name()).fields();
        for (OutputColumn column : pipeline.columns()) {
            fields = fields.name(column.name()).doc(column.expression().source())
                    .type(Schema.createUnion(Schema.create(Schema.Type.NULL), primitive(column.type())))
                    .withDefault(null);
        }
        for (Schema.Field field : EnrichedRow.getClassSchema().getFields()) {
            fields = fields.name(field.name()).doc(field.doc()).type(field.schema()).noDefault();
        }
        return fields.endRecord();
    }

    private static Schema primitive(String type) {
        return Schema.create(Schema.Type.valueOf(type.toUpperCase(Locale.ROOT)));
    }
}
