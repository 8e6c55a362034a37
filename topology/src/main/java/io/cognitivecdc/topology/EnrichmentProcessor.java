package io.cognitivecdc.topology;

import io.cognitivecdc.cdc.ChangeEvent;
import io.cognitivecdc.cdc.ChangeEventParser;
import io.cognitivecdc.cdc.InvalidChangeEventException;
import io.cognitivecdc.cdc.Op;
import io.cognitivecdc.schemas.EnrichedRow;
import io.cognitivecdc.steps.Enrichment;
import io.cognitivecdc.steps.PlaceholderEnrichment;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each Debezium change event into what the JDBC sink needs: an {@link EnrichedRow} for creates, reads and
 * updates, a tombstone for deletes, nothing for anything else. Keys pass through untouched because the sink takes the
 * table's primary key from them.
 */
final class EnrichmentProcessor implements Processor<GenericRecord, GenericRecord, GenericRecord, EnrichedRow> {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichmentProcessor.class);

    private final PlaceholderEnrichment enrichment;
    private ProcessorContext<GenericRecord, EnrichedRow> context;

    EnrichmentProcessor(PlaceholderEnrichment enrichment) {
        this.enrichment = enrichment;
    }

    @Override
    public void init(ProcessorContext<GenericRecord, EnrichedRow> context) {
        this.context = context;
    }

    @Override
    public void process(Record<GenericRecord, GenericRecord> record) {
        Optional<ChangeEvent> parsed;
        try {
            parsed = ChangeEventParser.parse(record.value());
        } catch (InvalidChangeEventException e) {
            LOG.warn("Skipping record at {}: not a Debezium change event: {}", position(), e.getMessage());
            return;
        }
        if (parsed.isEmpty()) {
            // Debezium's own tombstone after a delete; the delete event itself already produced ours.
            return;
        }
        ChangeEvent event = parsed.get();
        if (event.op() == Op.TRUNCATE) {
            LOG.warn("Ignoring truncate of {} at {}: truncates are not propagated to the enriched table",
                    event.source().qualifiedTable(), position());
            return;
        }
        if (record.key() == null) {
            LOG.warn("Skipping change event at {}: it has no key (does the table have a primary key?)", position());
            return;
        }
        context.forward(record.withValue(event.op() == Op.DELETE ? null : enrichedRow(event)));
    }

    private EnrichedRow enrichedRow(ChangeEvent event) {
        Enrichment result = enrichment.enrich(event.after());
        return EnrichedRow.newBuilder()
                .setCategory(result.category())
                .setConfidence(result.confidence())
                .setSummary(result.summary())
                .setEnrichedBy(result.enrichedBy())
                .setSourceTable(event.source().qualifiedTable())
                .setSourceTsMs(event.source().tsMs())
                // The context's clock, not System's, so TopologyTestDriver can control it.
                .setEnrichedAtMs(context.currentSystemTimeMs())
                .build();
    }

    private String position() {
        return context.recordMetadata()
                .map(m -> "topic " + m.topic() + " partition " + m.partition() + " offset " + m.offset())
                .orElse("an unknown position");
    }
}
