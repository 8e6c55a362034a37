package io.cognitivecdc.deadletter;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

import java.util.Map;

/**
 * A record the topology cannot process (a value that is not a Debezium change event, an event without a key, or an
 * unexpected error) becomes a dead letter with the source record's original bytes; the instance keeps running.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private DeadLetterRecords records;

    @Override
    public void configure(Map<String, ?> configs) {
        records = DeadLetterRecords.configure(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return Response.resume(records.forSourceRecord(context, context.sourceRawKey(), context.sourceRawValue(),
                DeadLetterRecords.keyJson(record.key()), DeadLetterRecords.processingErrorType(exception), exception));
    }
}
