package io.cognitivecdc.deadletter;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Map;

/**
 * The Kafka Streams settings that send records Streams cannot decode, process or write to the dead-letter topic,
 * with their original bytes, instead of stopping the instance or dropping them.
 */
public final class DeadLetterHandlers {

    /** Settings key of the dead-letter value serializer (an object) that the handlers use. */
    public static final String SERIALIZER_CONFIG = "cognitivecdc.dead.letter.serializer";

    private DeadLetterHandlers() {
    }

    /**
     * The three handler settings, and the serializer they write {@code DeadLetter}s with.
     *
     * @param deadLetterSerializer the dead-letter serde's serializer, already configured
     */
    public static Map<String, Object> streamsConfig(Serializer<GenericRecord> deadLetterSerializer) {
        return Map.of(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName(),
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName(),
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName(),
                SERIALIZER_CONFIG, deadLetterSerializer);
    }
}
