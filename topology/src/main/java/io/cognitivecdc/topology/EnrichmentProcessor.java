package io.cognitivecdc.topology;

import io.cognitivecdc.cdc.ChangeEvent;
import io.cognitivecdc.cdc.ChangeEventParser;
import io.cognitivecdc.cdc.InvalidChangeEventException;
import io.cognitivecdc.cdc.Op;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.state.EnrichmentStates;
import io.cognitivecdc.steps.StepFailedException;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Turns each Debezium change event into what the JDBC sink needs: creates, reads and updates run through the
 * pipeline's steps and become an enriched row; deletes become a tombstone (no model is called); anything else is
 * skipped. Keys pass through untouched because the sink takes the table's primary key from them. A row that cannot
 * be enriched goes to the {@link EnrichmentFailureHandler} and produces no output.
 *
 * <p>The steps run on the stream thread, one row at a time.
 */
final class EnrichmentProcessor implements Processor<GenericRecord, GenericRecord, GenericRecord, GenericRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichmentProcessor.class);

    private final RowEnricherFactory enricherFactory;
    private final EnrichedRows rows;
    private final EnrichmentFailureHandler failures;
    private ProcessorContext<GenericRecord, GenericRecord> context;
    private RowEnricher enricher;

    /** Creates the enricher once the context (and its clock) is known. */
    interface RowEnricherFactory {
        RowEnricher create(java.util.function.LongSupplier clock);
    }

    EnrichmentProcessor(RowEnricherFactory enricherFactory, EnrichedRows rows, EnrichmentFailureHandler failures) {
        this.enricherFactory = enricherFactory;
        this.rows = rows;
        this.failures = failures;
    }

    @Override
    public void init(ProcessorContext<GenericRecord, GenericRecord> context) {
        this.context = context;
        // The context's clock, not System's, so TopologyTestDriver can control it.
        this.enricher = enricherFactory.create(context::currentSystemTimeMs);
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
        if (event.op() == Op.DELETE) {
            context.forward(record.withValue(null));
            return;
        }
        EnrichmentState state = newState(record.key(), event);
        GenericRecord enriched = enrich(state);
        if (enriched != null) {
            context.forward(record.withValue(enriched));
        }
    }

    private EnrichmentState newState(GenericRecord key, ChangeEvent event) {
        Optional<RecordMetadata> metadata = context.recordMetadata();
        return EnrichmentStates.pending(ChangeEventParser.keyColumns(key), event,
                metadata.map(RecordMetadata::topic).orElse(null),
                metadata.map(RecordMetadata::partition).orElse(null),
                metadata.map(RecordMetadata::offset).orElse(null),
                context.currentSystemTimeMs());
    }

    private GenericRecord enrich(EnrichmentState state) {
        state.setAttempts(state.getAttempts() + 1);
        try {
            enricher.enrich(state);
            GenericRecord row = rows.build(state, context.currentSystemTimeMs());
            state.setStatus(EnrichmentStatus.DONE);
            return row;
        } catch (StepFailedException e) {
            fail(state, new EnrichmentFailure(state.getKey(), e.step(), e.kind().name(), e.getMessage(),
                    e.validationErrors(), e.attempts(), false, state));
        } catch (LlmCallException e) {
            fail(state, new EnrichmentFailure(state.getKey(), null, e.kind().name(), e.getMessage(), List.of(), 1,
                    e.isTransient(), state));
        } catch (IllegalArgumentException e) {
            fail(state, new EnrichmentFailure(state.getKey(), null, "OUTPUT_INVALID", e.getMessage(), List.of(), 0,
                    false, state));
        } catch (RuntimeException e) {
            // A defect in a step or provider must cost this row, not the stream thread (and with it every partition).
            LOG.error("Unexpected failure enriching row {}", state.getKey(), e);
            fail(state, new EnrichmentFailure(state.getKey(), null, "UNEXPECTED", e.getClass().getSimpleName() + ": "
                    + e.getMessage(), List.of(), 0, false, state));
        }
        return null;
    }

    private void fail(EnrichmentState state, EnrichmentFailure failure) {
        state.setStatus(EnrichmentStatus.FAILED);
        state.setLastError(failure.errorType() + ": " + failure.message());
        failures.onFailure(failure);
    }

    private String position() {
        return context.recordMetadata()
                .map(m -> "topic " + m.topic() + " partition " + m.partition() + " offset " + m.offset())
                .orElse("an unknown position");
    }
}
