package io.cognitivecdc.deadletter;

import io.cognitivecdc.cdc.ChangeEventParser;
import io.cognitivecdc.cdc.InvalidChangeEventException;
import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.state.EnrichmentStates;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a record that Kafka Streams could not decode, process or write into the producer records its error handlers
 * hand back (KIP-1034): a {@link DeadLetter} with the source record's original bytes, and, for a replayed record, its
 * FAILED_AGAIN outcome. Shared by the three handlers, configured from the Streams settings.
 */
final class DeadLetterRecords {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecords.class);

    private final DeadLetterConfig config;
    private final Serializer<GenericRecord> serializer;

    private DeadLetterRecords(DeadLetterConfig config, Serializer<GenericRecord> serializer) {
        this.config = config;
        this.serializer = serializer;
    }

    /**
     * Reads the topics from the settings and takes the dead-letter serializer put there under
     * {@link DeadLetterHandlers#SERIALIZER_CONFIG} (an object: Kafka passes the settings' originals through).
     */
    @SuppressWarnings("unchecked")
    static DeadLetterRecords configure(Map<String, ?> configs) {
        Object serializer = configs.get(DeadLetterHandlers.SERIALIZER_CONFIG);
        if (!(serializer instanceof Serializer<?>)) {
            throw new ConfigException(DeadLetterHandlers.SERIALIZER_CONFIG, serializer,
                    "must be the dead-letter Serializer instance; build the settings with DeadLetterHandlers.streamsConfig");
        }
        return new DeadLetterRecords(new DeadLetterConfig(configs), (Serializer<GenericRecord>) serializer);
    }

    /**
     * The records for a source record that failed outside the steps.
     *
     * @param keyJson the row key as JSON text, when known
     */
    List<ProducerRecord<byte[], byte[]>> forSourceRecord(ErrorHandlerContext context, byte[] rawKey, byte[] rawValue,
                                                         String keyJson, String errorType, Exception error) {
        String replayId = replayId(context.headers());
        String message = message(error);
        log.warn("Dead-lettering the record at topic {} partition {} offset {}: {}: {}", context.topic(),
                context.partition(), context.offset(), errorType, message);
        DeadLetter deadLetter = DeadLetters.forRecord(keyJson, errorType, message, context.topic(), context.partition(),
                context.offset(), rawKey, rawValue, config.applicationId(), replayId, System.currentTimeMillis());
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        records.add(new ProducerRecord<>(config.deadLetterTopic(), rawKey,
                serializer.serialize(config.deadLetterTopic(), deadLetter)));
        if (replayId != null) {
            records.add(new ProducerRecord<>(config.replayResultsTopic(), replayId.getBytes(StandardCharsets.UTF_8),
                    new ReplayOutcome(replayId, keyJson, ReplayOutcome.Outcome.FAILED_AGAIN, errorType + ": " + message)
                            .toJson().getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    /** The error type of an exception thrown while processing a record. */
    static String processingErrorType(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidChangeEventException) {
                return "INVALID_CHANGE_EVENT";
            }
        }
        return "PROCESSING_FAILED";
    }

    /** The row key of a decoded record as JSON text, or null if the key is not a Debezium key record. */
    static String keyJson(Object key) {
        if (key instanceof GenericRecord record) {
            try {
                return EnrichmentStates.toJson(ChangeEventParser.keyColumns(record));
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    boolean isDeadLetterTopic(String topic) {
        return config.deadLetterTopic().equals(topic);
    }

    private static String replayId(Headers headers) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(ReplayOutcome.REPLAY_ID_HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String message(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        if (root != error && root.getMessage() != null && !text.contains(root.getMessage())) {
            text += ": " + root.getMessage();
        }
        return text;
    }
}
