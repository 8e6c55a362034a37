package io.cognitivecdc.deadletter;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

import java.util.Map;

/**
 * An output that cannot be written, because it cannot be serialised or the broker rejects it as too large, becomes an
 * UNWRITABLE_OUTPUT dead letter with the record's key, so replay can write the row again once the limit is raised.
 * Any other send error (and any failure to write the dead-letter topic itself) stops the instance as Kafka Streams
 * does by default: skipping it would lose the row silently.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private DeadLetterRecords records;

    @Override
    public void configure(Map<String, ?> configs) {
        records = DeadLetterRecords.configure(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (!(exception instanceof RecordTooLargeException) || records.isDeadLetterTopic(record.topic())) {
            return Response.fail();
        }
        return Response.resume(records.forSourceRecord(context, record.key(), null, null, "UNWRITABLE_OUTPUT",
                exception));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (records.isDeadLetterTopic(record.topic())) {
            return Response.fail();
        }
        return Response.resume(records.forSourceRecord(context, context.sourceRawKey(), context.sourceRawValue(),
                DeadLetterRecords.keyJson(record.key()), "UNWRITABLE_OUTPUT", exception));
    }
}
