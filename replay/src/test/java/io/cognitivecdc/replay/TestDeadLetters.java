package io.cognitivecdc.replay;

import io.cognitivecdc.schemas.DeadLetter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Dead letters for tests, and a plain Avro encoding of them that stands in for the registry serde. */
final class TestDeadLetters {

    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private TestDeadLetters() {
    }

    /** A dead letter of row {@code key} whose step {@code step} failed with {@code errorType} at {@code failedAt}. */
    static DeadLetter deadLetter(String key, String step, String errorType, Instant failedAt) {
        return DeadLetter.newBuilder()
                .setKey(key)
                .setStep(step)
                .setErrorType(errorType)
                .setErrorMessage(errorType + " in " + step + "\nsecond line")
                .setSourceTopic("cdc.public.tickets")
                .setFailedAtMs(failedAt.toEpochMilli())
                .setApplicationId("enrich-tickets")
                .setAppVersion("test")
                .build();
    }

    /** {@code deadLetter} as it lies at {@code partition}/{@code offset}, keyed by its key JSON's bytes. */
    static StoredDeadLetter stored(int partition, long offset, DeadLetter deadLetter) {
        byte[] key = deadLetter.getKey() == null ? null : deadLetter.getKey().getBytes(StandardCharsets.UTF_8);
        return new StoredDeadLetter(partition, offset, key, encode(deadLetter), deadLetter);
    }

    /** A dead letter of row {@code key}, in step {@code summarizer}, failed {@code minutesAgo} before {@link #NOW}. */
    static StoredDeadLetter stored(int partition, long offset, String key, long minutesAgo) {
        return stored(partition, offset, deadLetter(key, "summarizer", "INVALID_OUTPUT",
                NOW.minusSeconds(60 * minutesAgo)));
    }

    static byte[] encode(DeadLetter deadLetter) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(DeadLetter.class).write(deadLetter, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@link #encode}'s bytes back as a generic record, as the registry serde does. */
    static Deserializer<GenericRecord> decoder() {
        return (topic, bytes) -> {
            try {
                return new GenericDatumReader<GenericRecord>(DeadLetter.getClassSchema())
                        .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("not a dead letter", e);
            }
        };
    }
}
