package io.cognitivecdc.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.util.Map;

/**
 * A record on a CDC topic that cannot be decoded (not Avro, unknown schema id, corrupt bytes) becomes an
 * UNDECODABLE_RECORD dead letter with its original key and value bytes; the instance keeps running.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private DeadLetterRecords records;

    @Override
    public void configure(Map<String, ?> configs) {
        records = DeadLetterRecords.configure(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        return Response.resume(records.forSourceRecord(context, record.key(), record.value(), null,
                "UNDECODABLE_RECORD", exception));
    }
}
